package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.StorageNodeProtocol;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The room the name node counts: each node's, and each file system's, shared by the nodes on it. */
class NodeTableTest {
  private static final long MIB = 1 << 20;
  static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("NodeTableTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static void join(NodeTable nodes, String id, long capacity) {
    nodes.join(new StorageNodeProtocol.Description(id, "", List.of(), capacity, 0, List.of(),
        testKit.<StorageNodeProtocol.Command>createTestProbe().getRef(), ""));
  }

  private static NodeInfo info(NodeTable nodes, String id) {
    return nodes.live().stream().filter(node -> node.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void nodesOnOneFileSystemShareItsRoomAsPlacementsAndDeletesChangeIt() {
    NodeTable nodes = new NodeTable();
    join(nodes, "sn-1", 64 * MIB);
    join(nodes, "sn-2", 64 * MIB);
    assertEquals(Long.MAX_VALUE, info(nodes, "sn-1").volumeFreeBytes(), "until a node says, its room is its own");
    nodes.usage(new StorageNodeProtocol.Usage("sn-1", 0, 64 * MIB, "dev:9", 40 * MIB));
    nodes.usage(new StorageNodeProtocol.Usage("sn-2", 0, 64 * MIB, "dev:9", 40 * MIB));
    assertEquals(info(nodes, "sn-1").volume(), info(nodes, "sn-2").volume());
    nodes.use("sn-1", 10 * MIB);
    assertEquals(30 * MIB, info(nodes, "sn-2").volumeFreeBytes(), "what sn-1 was given is gone for sn-2 too");
    assertEquals(54 * MIB, info(nodes, "sn-1").freeBytes());
    nodes.release("sn-1", 4 * MIB);
    assertEquals(34 * MIB, info(nodes, "sn-2").volumeFreeBytes(), "and a delete gives it back to both");
    nodes.usage(new StorageNodeProtocol.Usage("sn-2", 0, 64 * MIB, "dev:9", 20 * MIB));
    assertEquals(20 * MIB, info(nodes, "sn-1").volumeFreeBytes(), "the latest report counts");
    nodes.usage(new StorageNodeProtocol.Usage("sn-2", 0, 64 * MIB, "dev:10", 50 * MIB));
    assertEquals(20 * MIB, info(nodes, "sn-1").volumeFreeBytes());
    assertEquals(50 * MIB, info(nodes, "sn-2").volumeFreeBytes(), "on a file system of its own now");
  }

  @Test
  void aNodeThatFillsUpOrHasRoomAgainIsNews() {
    NodeTable nodes = new NodeTable();
    join(nodes, "sn-1", 64 * MIB);
    nodes.use("sn-1", 8 * MIB);
    assertTrue(nodes.usage(new StorageNodeProtocol.Usage("sn-1", 8 * MIB, 8 * MIB, "dev:9", 0)), "full");
    assertFalse(nodes.usage(new StorageNodeProtocol.Usage("sn-1", 8 * MIB, 8 * MIB, "dev:9", 0)), "still full: no news");
    assertEquals(0, info(nodes, "sn-1").freeBytes());
    assertTrue(nodes.usage(new StorageNodeProtocol.Usage("sn-1", 8 * MIB, 12 * MIB, "dev:9", 4 * MIB)), "room again");
    assertEquals(4 * MIB, info(nodes, "sn-1").freeBytes());
    assertFalse(nodes.usage(new StorageNodeProtocol.Usage("sn-9", 0, MIB, "", 0)), "an unknown node changes nothing");
  }
}
