package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplicaMapTest {

  @Test
  void tracksReplicasPerChunkAndPerNode() {
    ReplicaMap map = new ReplicaMap();
    map.addChunk("c1", 10, List.of());
    map.addChunk("c2", 20, List.of());
    assertTrue(map.addReplica("c1", "n1"));
    assertFalse(map.addReplica("c1", "n1"), "a node holds a chunk once");
    assertFalse(map.addReplica("unknown", "n1"), "only wanted chunks get replicas");
    map.addReplica("c1", "n2");
    map.addReplica("c2", "n1");
    assertEquals(2, map.chunksOn("n1"));
    assertEquals(List.of("n1", "n2"), map.replicas("c1"));

    assertEquals(Set.of("c1", "c2"), map.dropNode("n1"));
    assertEquals(List.of("n2"), map.replicas("c1"));
    assertEquals(0, map.replicaCount("c2"));
    assertTrue(map.isWanted("c2"), "a chunk stays wanted when it loses every replica");

    assertEquals(List.of("n2"), map.removeChunk("c1"));
    assertFalse(map.isWanted("c1"));
    assertEquals(0, map.chunksOn("n2"));
  }
}
