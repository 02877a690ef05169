package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ChunkId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplicaMapTest {
  static final ChunkId C1 = new ChunkId(0, 1);
  static final ChunkId C2 = new ChunkId(0, 2);
  static final ChunkId UNKNOWN = new ChunkId(0, 3);

  @Test
  void tracksReplicasPerChunkAndPerNode() {
    ReplicaMap map = new ReplicaMap();
    map.addChunk(C1, 10, List.of());
    map.addChunk(C2, 20, List.of());
    assertTrue(map.addReplica(C1, "n1"));
    assertFalse(map.addReplica(C1, "n1"), "a node holds a chunk once");
    assertFalse(map.addReplica(UNKNOWN, "n1"), "only wanted chunks get replicas");
    map.addReplica(C1, "n2");
    map.addReplica(C2, "n1");
    assertEquals(2, map.chunksOn("n1"));
    assertEquals(List.of("n1", "n2"), map.replicas(C1));

    assertEquals(Set.of(C1, C2), map.dropNode("n1"));
    assertEquals(List.of("n2"), map.replicas(C1));
    assertEquals(0, map.replicaCount(C2));
    assertTrue(map.isWanted(C2), "a chunk stays wanted when it loses every replica");

    assertEquals(List.of("n2"), map.removeChunk(C1));
    assertFalse(map.isWanted(C1));
    assertEquals(0, map.chunksOn("n2"));
  }
}
