package io.stork.namenode;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What a commit means to the replica map, and what an ended upload leaves: a committed version's
 * chunks become wanted, with a replica wherever they were placed and written; what was placed and
 * not written (or beyond R), and the chunks of an upload that ended, are released and deleted.
 * Runs on the replica keeper, which owns every table it changes.
 */
final class Wants {
  private final int replication;
  private final NodeTable nodes;
  private final ReplicaMap replicas;
  private final PlacedChunks placed;
  private final Repairs repairs;
  private final BiConsumer<String, List<ChunkId>> deleteOn;

  Wants(int replication, NodeTable nodes, ReplicaMap replicas, PlacedChunks placed, Repairs repairs,
        BiConsumer<String, List<ChunkId>> deleteOn) {
    this.replication = replication;
    this.nodes = nodes;
    this.replicas = replicas;
    this.placed = placed;
    this.repairs = repairs;
    this.deleteOn = deleteOn;
  }

  /** {@code version} is committed: {@code written} names the nodes that acknowledged each chunk; {@code unused} were placed for nothing. */
  void want(ArtifactVersion version, Map<ChunkId, List<String>> written, List<ChunkId> unused) {
    List<ChunkId> chunkIds = new ArrayList<>(version.chunks().size());
    version.chunks().forEach(chunk -> {
      replicas.addChunk(chunk.id(), chunk.size(), version.requiredCapabilities());
      chunkIds.add(chunk.id());
      Map.Entry<Integer, Set<String>> sent = placed.remove(chunk.id());
      Set<String> sentTo = sent == null ? Set.of() : sent.getValue();
      List<String> acknowledged = written.getOrDefault(chunk.id(), List.of());
      for (String nodeId : sentTo) {
        // A replica counts only where the chunk was placed (a client's word names no other node), on a
        // node whose replicas count (up, or unreachable within its grace), and no more than R of them:
        // a client that timed out on a slow node may have stored one more.
        if (acknowledged.contains(nodeId) && nodes.holdsReplicas(nodeId) && replicas.replicaCount(chunk.id()) < replication) {
          replicas.addReplica(chunk.id(), nodeId);
        } else {
          nodes.release(nodeId, chunk.size());
          deleteOn.accept(nodeId, List.of(chunk.id()));
        }
      }
    });
    unused.forEach(this::release);
    repairs.endangerIfShort(chunkIds);
  }

  /** A chunk no commit will want (its upload ended): its room is freed and it is deleted where it was placed. */
  void release(ChunkId chunkId) {
    Map.Entry<Integer, Set<String>> sent = placed.remove(chunkId);
    if (sent != null && !replicas.isWanted(chunkId)) {
      for (String nodeId : sent.getValue()) {
        nodes.release(nodeId, sent.getKey());
        deleteOn.accept(nodeId, List.of(chunkId));
      }
    }
  }
}
