package io.stork.namenode;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.LeaseId;
import io.stork.protocol.NameNodeProtocol.CommitReply;
import io.stork.protocol.NameNodeProtocol.WrittenChunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The uploads in progress, by lease: which name each writes, the names being created (one creator
 * at a time), the chunks placed under each lease (so that a commit may only name those, and an
 * abandoned upload's chunks can be collected), and when each lease expires. Committed leases are
 * kept a while, so that a commit asked again after a lost answer gets the same answer.
 */
final class Uploads {

  enum Stage { OPEN, COMMITTING, COMMITTED }

  static final class Upload {
    final LeaseId lease;
    final String name;
    final boolean replace;
    final List<String> requiredCapabilities;
    /** Every chunk placed under this lease, with the size it was placed with. */
    final Map<ChunkId, Integer> chunks = new LinkedHashMap<>();
    final List<ActorRef<CommitReply>> waiting = new ArrayList<>();
    Stage stage = Stage.OPEN;
    ArtifactVersion committed;
    long deadlineNanos;
    /** When it began, for the latency of uploads. */
    long beganNanos;

    Upload(LeaseId lease, String name, boolean replace, List<String> requiredCapabilities) {
      this.lease = lease;
      this.name = name;
      this.replace = replace;
      this.requiredCapabilities = List.copyOf(requiredCapabilities);
    }
  }

  private final long leaseNanos;
  private final long retentionNanos;
  private final Map<LeaseId, Upload> uploads = new HashMap<>();
  private final Set<String> creating = new HashSet<>();

  Uploads(long leaseNanos, long retentionNanos) {
    this.leaseNanos = leaseNanos;
    this.retentionNanos = retentionNanos;
  }

  boolean isCreating(String name) {
    return creating.contains(name);
  }

  Upload begin(String name, boolean replace, List<String> requiredCapabilities, long nowNanos) {
    Upload upload = new Upload(LeaseId.random(), name, replace, requiredCapabilities);
    upload.deadlineNanos = nowNanos + leaseNanos;
    upload.beganNanos = nowNanos;
    uploads.put(upload.lease, upload);
    if (!replace) {
      creating.add(name);
    }
    return upload;
  }

  /** The upload of {@code lease} if it is still open, its lease renewed; else null. */
  Upload open(LeaseId lease, long nowNanos) {
    Upload upload = uploads.get(lease);
    if (upload == null || upload.stage != Stage.OPEN) {
      return null;
    }
    upload.deadlineNanos = nowNanos + leaseNanos;
    return upload;
  }

  /** Any upload of {@code lease} the name node still remembers (open, committing or committed). */
  Upload get(LeaseId lease) {
    return uploads.get(lease);
  }

  void placed(Upload upload, ChunkId chunkId, int size) {
    upload.chunks.putIfAbsent(chunkId, size);
  }

  void commitStarted(Upload upload) {
    upload.stage = Stage.COMMITTING;
  }

  /** The journal made the version durable: the name is free for other creators, the answer kept a while. */
  void committed(Upload upload, ArtifactVersion version, long nowNanos) {
    upload.stage = Stage.COMMITTED;
    upload.committed = version;
    upload.deadlineNanos = nowNanos + retentionNanos;
    creating.remove(upload.name);
  }

  /** The commit failed (the journal did): the upload is open again, for another commit or an abort. */
  void commitFailed(Upload upload, long nowNanos) {
    upload.stage = Stage.OPEN;
    upload.deadlineNanos = nowNanos + leaseNanos;
  }

  /** Ends an open upload (aborted, or refused at its start); returns its chunks, to be collected. */
  List<ChunkId> end(Upload upload) {
    uploads.remove(upload.lease);
    if (!upload.replace) {
      creating.remove(upload.name);
    }
    return new ArrayList<>(upload.chunks.keySet());
  }

  /**
   * Ends the open uploads whose lease ran out and forgets committed ones kept long enough; returns
   * the chunks of the expired uploads, to be collected. A commit in the journal's hands never expires.
   */
  List<ChunkId> expire(long nowNanos) {
    List<ChunkId> abandoned = new ArrayList<>();
    for (Iterator<Upload> it = uploads.values().iterator(); it.hasNext(); ) {
      Upload upload = it.next();
      if (upload.stage == Stage.COMMITTING || upload.deadlineNanos - nowNanos > 0) {
        continue;
      }
      it.remove();
      if (upload.stage == Stage.OPEN) {
        if (!upload.replace) {
          creating.remove(upload.name);
        }
        abandoned.addAll(upload.chunks.keySet());
      }
    }
    return abandoned;
  }

  /**
   * Null when a commit of {@code chunks} (in order, {@code size} bytes in all) may stand for
   * {@code upload}; else why not. A commit may only name chunks placed under its own lease, each
   * once, at the size it was placed with.
   */
  static String invalidCommit(Upload upload, long size, String sha256, List<WrittenChunk> chunks) {
    if (!sha256.matches("[0-9a-f]{64}")) {
      return "the commit's sha256 is not 64 lower-case hex digits";
    }
    long total = 0;
    Set<ChunkId> seen = new HashSet<>();
    for (WrittenChunk written : chunks) {
      Integer placed = upload.chunks.get(written.chunk().id());
      if (placed == null || !seen.add(written.chunk().id())) {
        return "the commit names a chunk not placed for this upload, or a chunk twice";
      }
      if (placed != written.chunk().size()) {
        return "the commit gives chunk " + written.chunk().id() + " " + written.chunk().size() + " bytes, placed with " + placed;
      }
      total += placed;
    }
    return total == size ? null : "the commit's size " + size + " is not the sum of its chunks' sizes " + total;
  }

  /** Open or committing uploads, for the status. */
  int inProgress() {
    return (int) uploads.values().stream().filter(u -> u.stage != Stage.COMMITTED).count();
  }
}
