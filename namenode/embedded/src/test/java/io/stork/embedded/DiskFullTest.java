package io.stork.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.client.StorkClient;
import io.stork.client.TransferListener;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorkException;
import io.stork.storagenode.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole embedded store on one small real file system (a tmpfs the test mounts), filled up:
 * "no space" is said at once and names the cause, a delete makes room for the next upload without a
 * restart, and after a restart every acknowledged change is there and no refused one is.
 */
class DiskFullTest {
  /** Long timeouts: a refusal that came from one running out would take this long. */
  private static final String CONFIG = """
      stork.chunk-size = 256KiB
      stork.embedded.storage-nodes = 4
      stork.replication = 2
      stork.garbage-grace = 30s
      stork.storage-node.reserve = 4MiB
      stork.client.store-timeout = 60s
      stork.client.request-timeout = 60s
      """;
  private static final Duration NO_TIMEOUT_INVOLVED = Duration.ofSeconds(30);

  @TempDir Path dir;
  private SmallDisk disk;
  private final List<SmallDisk> nodeDisks = new java.util.ArrayList<>();

  @AfterEach
  void unmount() {
    nodeDisks.forEach(SmallDisk::close);
    if (disk != null) {
      disk.close();
    }
  }

  /**
   * Each storage node on a small disk of its own (the name node on the test's directory). The nodes
   * never look at their disks by themselves, nor does the name node ask them: it learns that a
   * disk filled up only from a node refusing a chunk.
   */
  private EmbeddedCluster clusterOnNodeDisks(Path store, int nodes, long bytes) {
    for (int i = 1; i <= nodes; i++) {
      nodeDisks.add(SmallDisk.mount(store.resolve("sn-" + i), bytes));
    }
    return ClusterFixture.start(store, CONFIG + "stork.embedded.storage-nodes = " + nodes + "\n"
        + "stork.storage-node.reserve = 0\nstork.storage-node.space-check-interval = 1h\nstork.repair.startup-grace = 1h\n");
  }

  /** Fills a disk with a file of its own until less than {@code left} bytes are free. */
  private static void fill(SmallDisk disk, long left) throws java.io.IOException {
    try (java.io.OutputStream junk = Files.newOutputStream(disk.path().resolve("junk"))) {
      byte[] block = new byte[64 << 10];
      while (disk.usableBytes() >= left) {
        junk.write(block);
      }
    }
  }

  /** The refusal of an upload, and how long it took to come. */
  private record Refusal(StorkException error, Duration took) {}

  private static Refusal refusal(Runnable upload) {
    long start = System.nanoTime();
    StorkException error = assertThrows(StorkException.class, upload::run);
    return new Refusal(error, Duration.ofNanos(System.nanoTime() - start));
  }

  private static void assertNoSpace(Refusal refusal) {
    assertEquals(ErrorKind.NO_SPACE, refusal.error().kind(), refusal.error().getMessage());
    assertTrue(refusal.error().getMessage().startsWith("no space "), refusal.error().getMessage());
    assertTrue(refusal.error().getMessage().matches(".*\\bsn-[1-4]\\b.*"), "names a node: " + refusal.error().getMessage());
    assertTrue(refusal.took().compareTo(NO_TIMEOUT_INVOLVED) < 0, "refused in " + refusal.took().toMillis() + " ms, not by a timeout");
    System.out.println("refused in " + refusal.took().toMillis() + " ms: " + refusal.error().getMessage());
  }

  @Test
  void aFullDiskIsSaidAtOnceADeleteMakesRoomAndARestartKeepsExactlyWhatWasAcknowledged() {
    disk = SmallDisk.mount(dir.resolve("disk"), 48L << 20);
    Path store = disk.path().resolve("store");
    Map<String, byte[]> acknowledged = new LinkedHashMap<>();
    Set<String> refused = new java.util.HashSet<>();
    try (EmbeddedCluster cluster = ClusterFixture.start(store, CONFIG)) {
      StorkClient client = cluster.client();
      Refusal full = null;
      for (int i = 0; full == null; i++) {
        byte[] content = TestData.random(3 << 20, i);
        try {
          client.upload("a-" + i, content);
          acknowledged.put("a-" + i, content);
        } catch (StorkException e) {
          refused.add("a-" + i);
          full = new Refusal(e, Duration.ZERO);
        }
      }
      assertTrue(acknowledged.size() >= 3, "the disk held " + acknowledged.size() + " artifacts before it was full");
      int index = acknowledged.size() + 1;
      assertNoSpace(refusal(() -> client.upload("known-" + index, TestData.random(3 << 20, index))));
      refused.add("known-" + index);
      // A stream of unknown size: refused by the nodes themselves, or by placement, as soon as they are full.
      assertNoSpace(refusal(() -> client.write("streamed", false, TestData.stream(3 << 20, 7), -1, StorkClient.WriteOptions.DEFAULT,
          TransferListener.NONE)));
      refused.add("streamed");

      String deleted = acknowledged.keySet().iterator().next();
      client.delete(deleted);
      acknowledged.remove(deleted);
      byte[] after = TestData.random(3 << 20, 1000);
      client.upload("after-delete", after); // at once: the deleted artifact's room is collected before its grace is over
      acknowledged.put("after-delete", after);
      assertArrayEquals(after, client.getBytes("after-delete"));
      refused.add(deleted);
    }
    try (EmbeddedCluster cluster = ClusterFixture.start(store, CONFIG)) {
      StorkClient client = cluster.client();
      assertEquals(acknowledged.keySet(), client.allArtifacts("").stream().map(ArtifactStatus::name).collect(Collectors.toSet()));
      acknowledged.forEach((name, content) -> assertArrayEquals(content, client.getBytes(name), name));
      for (String name : refused) {
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(StorkException.class, () -> client.locate(name)).kind(), name);
      }
    }
  }

  @Test
  void aNodeWhoseDiskFilledUpRefusesAndTheChunksGoElsewhere() throws Exception {
    Path store = dir.resolve("store");
    try (EmbeddedCluster cluster = clusterOnNodeDisks(store, 3, 16L << 20)) {
      fill(nodeDisks.get(0), 64 << 10); // behind the name node's back: it still counts sn-1's room
      StorkClient client = cluster.client();
      for (int i = 0; i < 4; i++) {
        byte[] content = TestData.random(1 << 20, i);
        client.upload("b-" + i, content);
        assertArrayEquals(content, client.getBytes("b-" + i));
        client.allArtifacts("").forEach(a -> assertEquals(a.chunks() * 2L, a.liveReplicas(), a.name()));
      }
      assertEquals(Set.of(), ClusterFixture.chunksOnDisk(cluster, "sn-1"), "sn-1 holds none of them");
      NodeStatus full = client.nodes().stream().filter(n -> n.id().equals("sn-1")).findFirst().orElseThrow();
      assertTrue(full.isNearFull(), "sn-1 refused, and list shows it near full: " + full);
      assertTrue(full.freeBytes() < 64 << 10, full.toString());
    }
  }

  @Test
  void whenEveryNodeIsFullTheNodeItselfIsNamed() throws Exception {
    Path store = dir.resolve("store");
    try (EmbeddedCluster cluster = clusterOnNodeDisks(store, 2, 8L << 20)) {
      for (SmallDisk nodeDisk : nodeDisks) {
        fill(nodeDisk, 128 << 10);
      }
      Refusal refusal = refusal(() -> cluster.client().upload("c", TestData.random(1 << 20, 3)));
      assertNoSpace(refusal);
      assertTrue(refusal.error().getMessage().matches("no space on sn-[12] \\(\\d+ KiB free\\); .*"), refusal.error().getMessage());
      assertEquals(Set.of(), ClusterFixture.chunksOnAnyDisk(cluster), "nothing of the refused upload stays");
    }
  }
}
