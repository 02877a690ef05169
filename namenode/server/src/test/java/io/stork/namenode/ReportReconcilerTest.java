package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stork.protocol.ChunkId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportReconcilerTest {
  static final ChunkId WANTED = new ChunkId(0xabcdef, 1);
  static final ChunkId FULL = new ChunkId(0xabcdef, 2);
  static final ChunkId ORPHAN = new ChunkId(0xabcdef, 3);
  static final ChunkId WRITING = new ChunkId(0xabcdef, 4);

  @Test
  void countsWantedChunksAndGivesBackSurplusAndOrphans() {
    ReplicaMap replicas = new ReplicaMap();
    replicas.addChunk(WANTED, 10, List.of());
    replicas.addChunk(FULL, 10, List.of());
    replicas.addReplica(FULL, "sn-2");
    replicas.addReplica(FULL, "sn-3");
    List<ChunkId> reported = List.of(WANTED, FULL, ORPHAN, WRITING);

    ReportReconciler.Outcome outcome = ReportReconciler.reconcile("sn-1", reported, replicas, WRITING::equals, 2);
    assertEquals(new ReportReconciler.Outcome(1, List.of(FULL), List.of(ORPHAN)), outcome);
    assertEquals(List.of("sn-1"), replicas.replicas(WANTED));
    assertEquals(new ReportReconciler.Outcome(0, List.of(FULL), List.of(ORPHAN)),
        ReportReconciler.reconcile("sn-1", reported, replicas, WRITING::equals, 2), "a second report counts nothing twice");
  }
}
