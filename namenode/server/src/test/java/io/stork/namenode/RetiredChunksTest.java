package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ChunkId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RetiredChunksTest {
  private final ChunkId a = ChunkId.random();
  private final ChunkId b = ChunkId.random();
  private final ChunkId c = ChunkId.random();
  private final ReplicaMap replicas = new ReplicaMap();
  private final Map<String, List<ChunkId>> deleted = new TreeMap<>();

  private RetiredChunks retired(long graceNanos) {
    for (ChunkId chunk : List.of(a, b, c)) {
      replicas.addChunk(chunk, 100, List.of());
      replicas.addReplica(chunk, "sn-1");
      replicas.addReplica(chunk, chunk == a ? "sn-2" : "sn-3");
    }
    return new RetiredChunks(graceNanos, new NodeTable(), replicas, (node, chunks) -> deleted.merge(node, chunks,
        (before, more) -> java.util.stream.Stream.concat(before.stream(), more.stream()).toList()));
  }

  @Test
  void chunksAreCollectedOnceTheirGraceIsOverInTheOrderRetired() {
    RetiredChunks retired = retired(100);
    retired.retire(List.of(a, b), 1_000);
    retired.retire(List.of(), 1_010);
    retired.retire(List.of(c), 1_050);
    retired.collectDue(1_099);
    assertEquals(Map.of(), deleted, "kept while readers may still be on them");
    assertTrue(replicas.isWanted(a));
    retired.collectDue(1_100);
    assertEquals(Map.of("sn-1", List.of(a, b), "sn-2", List.of(a), "sn-3", List.of(b)), deleted);
    assertFalse(replicas.isWanted(a), "forgotten by the replica map");
    assertEquals(1, retired.size());
    retired.collectDue(10_000);
    assertEquals(List.of(a, b, c), deleted.get("sn-1"));
    assertEquals(0, retired.size());
  }

  @Test
  void whenSpaceRunsShortEveryChunkIsCollectedAtOnce() {
    RetiredChunks retired = retired(Long.MAX_VALUE / 4);
    assertFalse(retired.collectAllNow(), "nothing to give up");
    retired.retire(List.of(a), 0);
    retired.retire(List.of(b, c), 5);
    assertEquals(3, retired.size());
    assertTrue(retired.collectAllNow());
    assertEquals(Map.of("sn-1", List.of(a, b, c), "sn-2", List.of(a), "sn-3", List.of(b, c)), deleted);
    assertEquals(0, retired.size());
    assertEquals(0, replicas.size());
  }

  @Test
  void aRetiredChunkStaysReadableButALostReplicaOfItIsNotMadeAgain() {
    RetiredChunks retired = retired(100);
    retired.retire(List.of(a), 0);
    assertTrue(replicas.isWanted(a), "a reader still on its version finds it");
    assertFalse(replicas.needsReplicas(a), "nothing is copied for a deleted version");
    assertTrue(replicas.needsReplicas(b));
    RepairPlanner planner = new RepairPlanner(3, 4, 0);
    planner.endanger(List.of(a, b), replicas); // both have 2 of 3 replicas
    assertEquals(1, planner.queued(), "only the chunk a version still wants is queued for a copy");
    retired.collectDue(100);
    assertFalse(replicas.needsReplicas(a));
    assertFalse(replicas.isWanted(a));
  }
}
