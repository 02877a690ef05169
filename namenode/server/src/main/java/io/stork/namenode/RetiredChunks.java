package io.stork.namenode;

import io.stork.protocol.ChunkId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Chunks of deleted and replaced versions, kept on disk for a grace period so that a reader already
 * on the old version can finish, then collected: forgotten by the replica map, their room given back
 * in the node table, deleted on their nodes. When space runs short they are given up at once: room
 * for new uploads matters more than a reader of a version that is gone (it fails with a clear
 * error; before, a delete's room came back only after the grace, and uploads failed meanwhile).
 * Part of the replica keeper: it works on the keeper's node table and replica map, on its thread.
 */
final class RetiredChunks {
  private record Batch(long dueNanos, List<ChunkId> chunkIds) {}

  private final long graceNanos;
  private final NodeTable nodes;
  private final ReplicaMap replicas;
  private final BiConsumer<String, List<ChunkId>> deleteOn;
  /** In the order retired, so in the order due (the grace is the same for all). */
  private final ArrayDeque<Batch> batches = new ArrayDeque<>();
  private int count;

  RetiredChunks(long graceNanos, NodeTable nodes, ReplicaMap replicas, BiConsumer<String, List<ChunkId>> deleteOn) {
    this.graceNanos = graceNanos;
    this.nodes = nodes;
    this.replicas = replicas;
    this.deleteOn = deleteOn;
  }

  void retire(List<ChunkId> chunkIds, long nowNanos) {
    if (!chunkIds.isEmpty()) {
      replicas.retire(chunkIds);
      batches.add(new Batch(nowNanos + graceNanos, List.copyOf(chunkIds)));
      count += chunkIds.size();
    }
  }

  /** Collects the chunks whose grace is over. */
  void collectDue(long nowNanos) {
    List<ChunkId> due = new ArrayList<>();
    while (!batches.isEmpty() && batches.peek().dueNanos() - nowNanos <= 0) {
      due.addAll(take().chunkIds());
    }
    collect(due);
  }

  /** Space is short: collects every chunk still kept; false when there was none. */
  boolean collectAllNow() {
    List<ChunkId> all = new ArrayList<>(count);
    while (!batches.isEmpty()) {
      all.addAll(take().chunkIds());
    }
    collect(all);
    return !all.isEmpty();
  }

  int size() {
    return count;
  }

  private Batch take() {
    Batch batch = batches.poll();
    count -= batch.chunkIds().size();
    return batch;
  }

  /** The room counts again at once; the nodes' deletes are sent before anything placed after this. */
  private void collect(List<ChunkId> chunkIds) {
    Map<String, List<ChunkId>> byNode = new HashMap<>();
    for (ChunkId chunkId : chunkIds) {
      int size = replicas.chunkSize(chunkId);
      for (String nodeId : replicas.removeChunk(chunkId)) {
        nodes.release(nodeId, size);
        byNode.computeIfAbsent(nodeId, n -> new ArrayList<>()).add(chunkId);
      }
    }
    byNode.forEach(deleteOn);
  }
}
