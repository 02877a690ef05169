package io.stork.namenode;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.UploadProtocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The uploads in progress, as the name node tracks them: which session writes which name, the
 * names being created (one creator at a time), and every chunk placed but not yet committed, with
 * the nodes it was sent to, so that an abandoned upload's chunks can be deleted.
 */
final class Uploads {

  private static final class Session {
    final String name;
    final boolean replace;
    final Set<ChunkId> chunkIds = new HashSet<>();
    boolean committed;
    /** Its commit is in the journal's hands: what it stored stays until the journal answers. */
    boolean commitPending;
    boolean ended;

    Session(String name, boolean replace) {
      this.name = name;
      this.replace = replace;
    }
  }

  private record InFlightChunk(int size, Set<String> nodes) {}

  private final Map<ActorRef<UploadProtocol.Command>, Session> sessions = new HashMap<>();
  private final Set<String> creating = new HashSet<>();
  private final Map<ChunkId, InFlightChunk> inFlightChunks = new HashMap<>();

  boolean isCreating(String name) {
    return creating.contains(name);
  }

  void begin(ActorRef<UploadProtocol.Command> session, String name, boolean replace) {
    sessions.put(session, new Session(name, replace));
    if (!replace) {
      creating.add(name);
    }
  }

  boolean knows(ActorRef<UploadProtocol.Command> session) {
    return sessions.containsKey(session);
  }

  void placed(ActorRef<UploadProtocol.Command> session, ChunkId chunkId, int size, Collection<String> nodes) {
    sessions.get(session).chunkIds.add(chunkId);
    inFlightChunks.computeIfAbsent(chunkId, id -> new InFlightChunk(size, new HashSet<>())).nodes().addAll(nodes);
  }

  void commitStarted(ActorRef<UploadProtocol.Command> session) {
    sessions.get(session).commitPending = true;
  }

  /**
   * A commit ended (durable, or failed): the name is free for other creators. Returns what to
   * delete when it failed and the session has already stopped.
   */
  List<StoredChunk> commitEnded(ActorRef<UploadProtocol.Command> session, ArtifactVersion committed) {
    Session upload = sessions.get(session);
    if (upload == null) {
      return List.of();
    }
    upload.commitPending = false;
    if (!upload.replace) {
      creating.remove(upload.name);
    }
    if (committed != null) {
      upload.committed = true;
      committed.chunks().forEach(chunk -> inFlightChunks.remove(chunk.id()));
    }
    return upload.ended ? ended(session) : List.of();
  }

  /** The session stopped; returns what an uncommitted upload stored, to be deleted. */
  List<StoredChunk> ended(ActorRef<UploadProtocol.Command> session) {
    Session upload = sessions.get(session);
    List<StoredChunk> abandoned = new ArrayList<>();
    if (upload == null) {
      return abandoned;
    }
    upload.ended = true;
    if (upload.commitPending) {
      return abandoned; // the journal's answer decides (commitEnded)
    }
    sessions.remove(session);
    if (!upload.replace) {
      creating.remove(upload.name);
    }
    if (!upload.committed) {
      for (ChunkId chunkId : upload.chunkIds) {
        InFlightChunk chunk = inFlightChunks.remove(chunkId);
        if (chunk != null) {
          abandoned.add(new StoredChunk(chunkId, chunk.size(), chunk.nodes()));
        }
      }
    }
    return abandoned;
  }

  /** A chunk an upload is writing: not an orphan, whatever a node's report says. */
  boolean isBeingWritten(ChunkId chunkId) {
    return inFlightChunks.containsKey(chunkId);
  }
}
