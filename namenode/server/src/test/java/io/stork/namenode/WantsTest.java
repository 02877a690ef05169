package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ChunkId;
import io.stork.protocol.NodeState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which written replicas a commit counts: those on nodes up, or unreachable within their grace; not on nodes given up. */
class WantsTest {
  private static final List<String> ALL = List.of("sn-1", "sn-2", "sn-3");

  @Test
  void aReplicaOnANodeBrieflyUnreachableAtTheCommitCounts() {
    KeeperTables tables = new KeeperTables().join(3);
    ChunkId chunk = tables.placeOne();
    tables.setState("sn-3", NodeState.UNREACHABLE); // after it acknowledged the chunk, before the commit

    tables.commit(chunk, ALL);

    assertEquals(ALL, tables.replicas.replicas(chunk).stream().sorted().toList());
    assertEquals(List.of(), tables.deletes, "nothing is deleted from the node that is merely unreachable");
    assertEquals(0, tables.repairs.limits().queuedChunks(), "and nothing is copied again");
  }

  @Test
  void aReplicaOnANodeGivenUpDoesNotCountAndIsCopiedAgain() {
    KeeperTables tables = new KeeperTables().join(3);
    ChunkId chunk = tables.placeOne();
    tables.setState("sn-3", NodeState.UNREACHABLE);
    assertTrue(tables.nodes.giveUp(tables.nodes.get("sn-3")));

    tables.commit(chunk, ALL);

    assertEquals(List.of("sn-1", "sn-2"), tables.replicas.replicas(chunk).stream().sorted().toList());
    assertEquals(List.of(Map.entry("sn-3", chunk)), tables.deletes, "released there (sent once it is back)");
    assertEquals(1, tables.repairs.limits().queuedChunks(), "short of one replica: to be copied");
  }

  @Test
  void aNodeIsGivenUpOnlyWhileUnreachableAndNoLongerOnceItChangesState() {
    KeeperTables tables = new KeeperTables().join(2);
    NodeTable nodes = tables.nodes;
    assertFalse(nodes.giveUp(nodes.get("sn-1")), "an up node is not given up");
    tables.setState("sn-1", NodeState.UNREACHABLE);
    assertTrue(nodes.holdsReplicas("sn-1"), "within its grace its replicas count");
    assertTrue(nodes.giveUp(nodes.get("sn-1")));
    assertFalse(nodes.giveUp(nodes.get("sn-1")), "given up once");
    assertTrue(nodes.isGivenUp("sn-1"));
    assertFalse(nodes.holdsReplicas("sn-1"));
    tables.setState("sn-1", NodeState.UP);
    assertFalse(nodes.isGivenUp("sn-1"), "back");
    assertTrue(nodes.holdsReplicas("sn-1"));
    tables.setState("sn-2", NodeState.DEAD);
    assertFalse(nodes.holdsReplicas("sn-2"));
    assertFalse(nodes.giveUp(nodes.get("sn-2")), "a dead node has nothing left to give up");
    assertFalse(nodes.holdsReplicas("sn-9"), "nor has an unknown one");
  }
}
