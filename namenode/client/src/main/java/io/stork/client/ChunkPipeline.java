package io.stork.client;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NodeRef;
import io.stork.runtime.LatencyEstimates;
import io.stork.runtime.data.ChunkTransport;
import java.time.Duration;
import io.stork.protocol.NameNodeProtocol.Placement;
import io.stork.protocol.NameNodeProtocol.Replacement;
import io.stork.protocol.NameNodeProtocol.WrittenChunk;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorageNodeProtocol.ChunkRefused;
import io.stork.protocol.StorageNodeProtocol.ChunkStored;
import io.stork.protocol.StorkException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The chunks of one upload and their replicas: sends a chunk down the pipeline of its placement,
 * counts the answers, and decides, once every node of an attempt has answered or fallen silent,
 * whether the chunk is stored, must be placed again, or cannot be stored. Silent nodes may only
 * have lost a message: they may be chosen again, unlike nodes that refused.
 */
final class ChunkPipeline {
  enum Verdict { STORED, AGAIN, FAILED }

  private final ClientSettings settings;
  private final ChunkTransport transport;
  private final LatencyEstimates latencies;
  private final ActorRef<StorageNodeProtocol.StoreReply> answers;
  private final List<PendingChunk> chunks = new ArrayList<>();
  private final Map<ChunkId, PendingChunk> byId = new HashMap<>();
  private int replication = 1;
  private int minReplicas = 1;
  private int stored;
  /** The last refusal of a node out of room ("no space on sn-2 (3 MiB free)"), or null. */
  private String spaceRefusal;

  ChunkPipeline(ClientSettings settings, ChunkTransport transport, LatencyEstimates latencies,
                ActorRef<StorageNodeProtocol.StoreReply> answers) {
    this.settings = settings;
    this.transport = transport;
    this.latencies = latencies;
    this.answers = answers;
  }

  void replicationIs(int replication, int minReplicas) {
    this.replication = replication;
    this.minReplicas = minReplicas;
  }

  void add(PendingChunk chunk) {
    chunks.add(chunk);
  }

  int size() {
    return chunks.size();
  }

  /**
   * Sends the chunk to the first node of {@code placement}, which forwards it to the others; returns
   * how long to wait for their answers: the adaptive timeout of stores, doubled for each attempt
   * before this one (as TCP backs off its retransmissions), up to the ceiling, so that a machine
   * busier than the learned latencies say costs retries, not the upload.
   */
  Duration send(PendingChunk chunk, Placement placement) {
    chunk.chunkId = placement.chunkId();
    byId.put(chunk.chunkId, chunk);
    chunk.attempt++;
    long now = System.nanoTime();
    chunk.awaiting = new HashSet<>();
    java.util.Map<String, NodeRef> nodes = new HashMap<>();
    placement.nodes().forEach(node -> {
      chunk.awaiting.add(node.nodeId());
      chunk.sentAt.put(node.nodeId(), now);
      nodes.put(node.nodeId(), node);
    });
    chunk.nodes = nodes;
    List<NodeRef> pipeline = placement.nodes();
    transport.store(pipeline.get(0), new StorageNodeProtocol.StoreChunk(chunk.chunkId, chunk.data, chunk.crc32c,
        List.copyOf(pipeline.subList(1, pipeline.size())), answers));
    return backedOff(latencies.timeout(), latencies.ceiling(), chunk.attempt);
  }

  static Duration backedOff(Duration timeout, Duration ceiling, int attempt) {
    int doublings = Math.min(attempt - 1, 30);
    Duration wait = timeout.multipliedBy(1L << doublings);
    return wait.compareTo(ceiling) > 0 || wait.isNegative() ? ceiling : wait;
  }

  /**
   * When to hedge {@code chunk}'s current attempt: by then the nodes that have not answered get it
   * straight from the client too (a store repeated is harmless), within the hedge budget.
   */
  Duration hedgeAfter() {
    return latencies.hedgeAfter();
  }

  /** Sends the chunk straight to each node of {@code attempt} that has not answered yet; false when there is none. */
  boolean hedge(PendingChunk chunk, int attempt) {
    if (chunk.done || chunk.attempt != attempt || chunk.awaiting.isEmpty()) {
      return false;
    }
    for (String nodeId : chunk.awaiting) {
      NodeRef node = chunk.nodes.get(nodeId);
      if (node != null) {
        transport.store(node, new StorageNodeProtocol.StoreChunk(chunk.chunkId, chunk.data, chunk.crc32c, List.of(), answers));
      }
    }
    return true;
  }

  /** A replica's answer; returns its chunk when every node of the attempt has now answered, else null. */
  PendingChunk answer(StorageNodeProtocol.StoreReply reply) {
    ChunkId chunkId = reply instanceof ChunkStored ok ? ok.chunkId() : reply instanceof ChunkRefused no ? no.chunkId() : null;
    String nodeId = reply instanceof ChunkStored ok ? ok.nodeId() : reply instanceof ChunkRefused no ? no.nodeId() : null;
    PendingChunk chunk = chunkId == null ? null : byId.get(chunkId);
    Long sent = chunk == null ? null : chunk.sentAt.remove(nodeId);
    if (sent == null) {
      return null; // an answer of no chunk of ours, or a second one
    }
    boolean unreachable = reply instanceof ChunkRefused no && (no.kind() == ErrorKind.UNAVAILABLE || no.kind() == ErrorKind.CANCELLED);
    if (!unreachable) { // a refused connection is quick, and says nothing of how long the node takes
      latencies.answered(nodeId, Duration.ofNanos(System.nanoTime() - sent));
    }
    if (chunk.done) {
      return null; // settled already: the answer was only worth its latency
    }
    if (!chunk.awaiting.remove(nodeId)) {
      // Late, from an attempt that timed out: the replica is there all the same.
      if (reply instanceof ChunkStored) {
        chunk.stored.add(nodeId);
        chunk.silent.remove(nodeId);
        return chunk.stored.size() >= replication ? chunk : null; // stored enough after all: settle it now
      }
      return null;
    }
    if (reply instanceof ChunkRefused refused && refused.kind() == ErrorKind.CANCELLED) {
      chunk.silent.add(nodeId); // never got it (an upstream node was unreachable): it may be asked again
    } else if (reply instanceof ChunkRefused refused) {
      chunk.refused.add(nodeId);
      // A node out of room names itself ("no space on sn-2 (3 MiB free)"): that line is the user's.
      chunk.lastRefusal = refused.kind() == ErrorKind.NO_SPACE ? refused.message() : nodeId + ": " + refused.message();
      chunk.lastRefusalKind = refused.kind();
      spaceRefusal = refused.kind() == ErrorKind.NO_SPACE ? refused.message() : spaceRefusal;
    } else {
      chunk.stored.add(nodeId);
    }
    return chunk.awaiting.isEmpty() ? chunk : null;
  }

  /** The store timeout of {@code attempt} ran out: the chunk, if that attempt is still the current one. */
  PendingChunk timedOut(PendingChunk chunk, int attempt) {
    if (chunk.done || chunk.attempt != attempt) {
      return null;
    }
    chunk.silent.addAll(chunk.awaiting); // their answers may still come, and then count (see answer)
    chunk.awaiting.clear();
    return chunk;
  }

  Verdict settle(PendingChunk chunk) {
    if (chunk.done) {
      throw new IllegalStateException("chunk " + chunk.index + " settled twice");
    }
    boolean lastAttempt = chunk.attempt >= settings.maxStoreAttempts();
    if (chunk.stored.size() >= replication || (lastAttempt && chunk.stored.size() >= minReplicas)) {
      chunk.done = true;
      chunk.data = null;
      stored++;
      return Verdict.STORED;
    }
    return lastAttempt ? Verdict.FAILED : Verdict.AGAIN;
  }

  /**
   * What to ask the name node for a chunk that needs more replicas: none on nodes that hold it or
   * refused it, and none on nodes that fell silent while others are left.
   */
  Replacement replacement(PendingChunk chunk) {
    Set<String> excluded = new HashSet<>(chunk.stored);
    excluded.addAll(chunk.refused);
    Set<String> avoided = new HashSet<>(chunk.silent);
    avoided.removeAll(excluded);
    return new Replacement(chunk.chunkId, chunk.size, Math.max(1, replication - chunk.stored.size()), List.copyOf(excluded),
        List.copyOf(avoided));
  }

  StorkException failure(PendingChunk chunk) {
    if (chunk.lastRefusalKind == ErrorKind.NO_SPACE) {
      return new StorkException(ErrorKind.NO_SPACE, chunk.lastRefusal);
    }
    String why = "could not store chunk " + chunk.index + " on " + minReplicas + " nodes after " + chunk.attempt
        + " attempts (stored on " + chunk.stored.size() + (chunk.lastRefusal == null ? "" : "; " + chunk.lastRefusal) + ")";
    return new StorkException(ErrorKind.UNAVAILABLE, why);
  }

  /**
   * Why the upload failed, as the user reads it: when a node refused a chunk for want of room and
   * then the name node had nowhere else to place it (or fell silent), the room is the cause, said
   * first ("no space on sn-2 (3 MiB free); no space for a 1 MiB chunk on 1 node: ..."); else {@code why}.
   */
  StorkException explained(StorkException why) {
    boolean placementFailed = why.kind() == ErrorKind.NO_SPACE || why.kind() == ErrorKind.UNAVAILABLE;
    return spaceRefusal != null && placementFailed && !why.getMessage().startsWith(spaceRefusal)
        ? new StorkException(ErrorKind.NO_SPACE, spaceRefusal + "; " + why.getMessage(), why) : why;
  }

  boolean allStored() {
    return stored == chunks.size();
  }

  /** Every chunk in order, as the commit names it. */
  List<WrittenChunk> written() {
    List<WrittenChunk> written = new ArrayList<>(chunks.size());
    for (PendingChunk chunk : chunks) {
      written.add(new WrittenChunk(new ChunkRef(chunk.chunkId, chunk.size, chunk.crc32c), List.copyOf(chunk.stored)));
    }
    return written;
  }
}
