package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UploadRoomTest {
  private static final long MIB = 1 << 20;

  private static NodeInfo node(String id, long free, String... capabilities) {
    return new NodeInfo(id, "", List.of(capabilities), 100 * MIB, 100 * MIB - free);
  }

  private static NodeInfo onVolume(String id, long free, String volume, long volumeFree) {
    return new NodeInfo(id, "", List.of(), 100 * MIB, 100 * MIB - free, volume, volumeFree);
  }

  @Test
  void refusesWhenTheReplicasCannotFitAndNamesTheNodesWithTheMostRoom() {
    List<NodeInfo> nodes = List.of(node("a", 10 * MIB), node("b", 10 * MIB), node("c", 10 * MIB));
    assertNull(UploadRoom.shortage(nodes, 3, 10 * MIB, List.of()));
    assertEquals("no space for 11 MiB in 3 replicas: the live storage nodes have room for 30 MiB of the 33 MiB it needs "
        + "(a 10 MiB free, b 10 MiB free, c 10 MiB free)", UploadRoom.shortage(nodes, 3, 11 * MIB, List.of()));
    assertNull(UploadRoom.shortage(nodes, 3, -1, List.of()), "an unknown size is not checked here");
    assertNull(UploadRoom.shortage(nodes, 3, 0, List.of()));
    assertNotNull(UploadRoom.shortage(nodes, 3, Long.MAX_VALUE / 2, List.of()), "a size whose replicas overflow a long");
    List<NodeInfo> many = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      many.add(node("sn-" + i, i * MIB));
    }
    assertEquals("no space for 10 MiB in 3 replicas: the live storage nodes have room for 28 MiB of the 30 MiB it needs "
        + "(sn-7 7 MiB free, sn-6 6 MiB free, sn-5 5 MiB free, sn-4 4 MiB free, sn-3 3 MiB free, ...)",
        UploadRoom.shortage(many, 3, 10 * MIB, List.of()));
  }

  @Test
  void aNodeHoldsAtMostOneReplicaOfEachChunk() {
    List<NodeInfo> nodes = List.of(node("big", 90 * MIB), node("small", 2 * MIB));
    assertEquals("no space for 4 MiB in 2 replicas: the live storage nodes have room for 6 MiB of the 8 MiB it needs "
        + "(big 90 MiB free, small 2 MiB free)", UploadRoom.shortage(nodes, 2, 4 * MIB, List.of()),
        "92 MiB free, but the big node cannot hold both replicas");
    assertNull(UploadRoom.shortage(nodes, 2, 2 * MIB, List.of()));
  }

  @Test
  void nodesOnOneFileSystemShareItsRoom() {
    List<NodeInfo> shared = List.of(onVolume("sn-1", 40 * MIB, "/dev:9", 40 * MIB), onVolume("sn-2", 40 * MIB, "/dev:9", 40 * MIB),
        onVolume("sn-3", 40 * MIB, "/dev:9", 40 * MIB));
    assertNull(UploadRoom.shortage(shared, 3, 13 * MIB, List.of()));
    assertEquals("no space for 20 MiB in 3 replicas: the live storage nodes have room for 40 MiB of the 60 MiB it needs (sn-1 40 MiB "
        + "free, sn-2 40 MiB free, sn-3 40 MiB free; sn-1, sn-2, sn-3 share a file system with 40 MiB free)",
        UploadRoom.shortage(shared, 3, 20 * MIB, List.of()));
    assertEquals("no space for 20 MiB in 2 replicas: the live storage nodes have room for 25 MiB of the 40 MiB it needs (sn-1 30 MiB "
        + "free, sn-2 5 MiB free; sn-1, sn-2 share a file system with 30 MiB free)",
        UploadRoom.shortage(List.of(onVolume("sn-1", 90 * MIB, "/dev:9", 30 * MIB), onVolume("sn-2", 5 * MIB, "/dev:9", 30 * MIB)),
            2, 20 * MIB, List.of()), "sn-1 holds one replica of each chunk: 20 of its 30 MiB");
    assertNull(UploadRoom.shortage(List.of(onVolume("x", 40 * MIB, "/dev:1", 40 * MIB), onVolume("y", 40 * MIB, "/dev:2", 40 * MIB)),
        2, 40 * MIB, List.of()), "two file systems, each with its own room");
  }

  @Test
  void onlyNodesWithTheRequiredCapabilitiesCount() {
    List<NodeInfo> nodes = List.of(node("a", 50 * MIB, "ssd"), node("b", 50 * MIB), node("c", 50 * MIB, "ssd"));
    assertNull(UploadRoom.shortage(nodes, 2, 10 * MIB, List.of("ssd")));
    assertEquals("no space for 60 MiB in 2 replicas: the live storage nodes with capabilities [ssd] have room for 100 MiB of the "
        + "120 MiB it needs (a 50 MiB free, c 50 MiB free)", UploadRoom.shortage(nodes, 2, 60 * MIB, List.of("ssd")));
    assertEquals("no space for 1 MiB in 2 replicas: the live storage nodes with capabilities [gpu] have room for 0 B of the 2 MiB it "
        + "needs", UploadRoom.shortage(nodes, 2, MIB, List.of("gpu")));
  }

  /** Property: an upload that chunk-by-chunk placement can fit is never refused before it starts. */
  @Test
  void neverRefusesWhatFits() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int trial = 0; trial < 5_000; trial++) {
      List<NodeInfo> nodes = new ArrayList<>();
      for (int i = random.nextInt(7); i >= 0; i--) {
        nodes.add(new NodeInfo("n" + i, "", List.of(), 64, 64 - random.nextInt(65)));
      }
      int replicas = 1 + random.nextInt(3);
      int chunk = 1 + random.nextInt(8);
      long total = 1 + random.nextInt(60);
      if (placesEveryChunk(nodes, replicas, total, chunk)) {
        assertNull(UploadRoom.shortage(nodes, replicas, total, List.of()), "seed " + seed + ", trial " + trial);
      } else if (nodes.stream().mapToLong(n -> Math.min(n.freeBytes(), total)).sum() < replicas * total) {
        assertNotNull(UploadRoom.shortage(nodes, replicas, total, List.of()), "seed " + seed + ", trial " + trial);
      }
    }
  }

  /** Places the chunks one after the other on the nodes with the most room, promising their room, as the name node would. */
  private static boolean placesEveryChunk(List<NodeInfo> nodes, int replicas, long total, int chunk) {
    List<NodeInfo> now = new ArrayList<>(nodes);
    for (long offset = 0; offset < total; offset += chunk) {
      long size = Math.min(chunk, total - offset);
      now.sort(Comparator.comparingLong(NodeInfo::freeBytes).reversed());
      int placed = 0;
      for (int i = 0; i < now.size() && placed < replicas; i++) {
        NodeInfo node = now.get(i);
        if (node.freeBytes() >= size) {
          now.set(i, new NodeInfo(node.id(), "", List.of(), node.capacityBytes(), node.usedBytes() + size));
          placed++;
        }
      }
      if (placed < replicas) {
        return false;
      }
    }
    return true;
  }
}
