package io.stork.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.client.ArtifactReplicas;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.ChunkId;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorkException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariants 1 and 3: acknowledged data survives R-1 node losses, and the store heals itself. */
class HealingTest {
  static final String CONFIG = "stork.chunk-size = 256KiB\nstork.repair.startup-grace = 500ms";
  static final Duration HEAL_TIMEOUT = Duration.ofSeconds(60);

  private static List<String> busiestNodes(EmbeddedCluster cluster, int count) {
    return cluster.client().nodes().stream()
        .sorted(Comparator.comparingLong(NodeStatus::chunks).reversed())
        .limit(count).map(NodeStatus::id).toList();
  }

  @Test
  void losingTwoOfThreeReplicaHoldersLosesNothingAndTheStoreHeals(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, CONFIG)) {
      List<String> events = new CopyOnWriteArrayList<>();
      cluster.client().subscribe(event -> events.add(event.message()));
      byte[] content = TestData.random(50 << 20, 31);
      cluster.client().upload("fifty", content);

      List<String> victims = busiestNodes(cluster, 2);
      victims.forEach(cluster::stopStorageNode);
      assertArrayEquals(content, cluster.client().getBytes("fifty"), "readable at once from the one replica left");

      await().atMost(HEAL_TIMEOUT).untilAsserted(() -> {
        ClusterSummary status = cluster.client().summary();
        assertEquals(0, status.underReplicatedChunks());
        assertEquals(0, status.copiesInFlight());
      });
      for (ArtifactReplicas.ChunkReplicas chunk : cluster.client().locate("fifty").chunks()) {
        assertEquals(3, chunk.nodeIds().size());
        assertTrue(chunk.nodeIds().stream().noneMatch(victims::contains), "replicas only on live nodes");
      }
      assertArrayEquals(content, cluster.client().getBytes("fifty"));
      await().untilAsserted(() -> assertTrue(events.stream().anyMatch(e -> e.startsWith("healed")), events.toString()));
      assertTrue(events.stream().anyMatch(e -> e.startsWith(victims.get(0) + " dead")), events.toString());
    }
  }

  @Test
  void aNodeThatComesBackLeavesNoSurplusReplicaAndNoOrphan(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, CONFIG)) {
      cluster.client().upload("kept", TestData.random(4 << 20, 32));
      cluster.client().upload("dropped", TestData.random(2 << 20, 33));
      String victim = busiestNodes(cluster, 1).get(0);
      cluster.stopStorageNode(victim);
      await().atMost(HEAL_TIMEOUT).untilAsserted(() -> assertEquals(0, cluster.client().summary().underReplicatedChunks()));
      cluster.client().delete("dropped"); // its chunks on the dead node's disk become orphans

      cluster.restartStorageNode(victim);
      await().atMost(HEAL_TIMEOUT).untilAsserted(() -> ClusterFixture.assertHealed(cluster, 3));
    }
  }

  @Test
  void aDamagedReplicaIsReadAroundAndReplaced(@TempDir Path dir) throws Exception {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, CONFIG + "\nstork.storage-node.scrub-bytes-per-second = 0")) {
      byte[] content = TestData.random(1 << 20, 34);
      cluster.client().upload("rotting", content);
      for (ArtifactReplicas.ChunkReplicas chunk : cluster.client().locate("rotting").chunks()) {
        corrupt(cluster, chunk.nodeIds().get(0), chunk.chunk().id()); // one replica of every chunk
      }
      // A read finds a damaged replica only when it tries it: keep reading (always correctly)
      // until every damaged replica has been found, reported and replaced by a good copy.
      await().atMost(HEAL_TIMEOUT).untilAsserted(() -> {
        assertArrayEquals(content, cluster.client().getBytes("rotting"));
        ClusterFixture.assertHealed(cluster, 3);
        for (ArtifactReplicas.ChunkReplicas chunk : cluster.client().locate("rotting").chunks()) {
          for (String node : chunk.nodeIds()) {
            assertFalse(isDamaged(cluster, node, chunk.chunk().id()), chunk.chunk().id() + " on " + node);
          }
        }
      });
    }
  }

  @Test
  void theScrubberFindsRotThatNobodyReads(@TempDir Path dir) throws Exception {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, CONFIG + "\nstork.storage-node.scrub-bytes-per-second = 64MiB")) {
      cluster.client().upload("idle", TestData.random(1 << 20, 35));
      ArtifactReplicas.ChunkReplicas chunk = cluster.client().locate("idle").chunks().get(1);
      String node = chunk.nodeIds().get(0);
      corrupt(cluster, node, chunk.chunk().id());
      await().atMost(HEAL_TIMEOUT).untilAsserted(() -> {
        assertFalse(cluster.client().locate("idle").chunks().get(1).nodeIds().contains(node) && isDamaged(cluster, node, chunk.chunk().id()));
        ClusterFixture.assertHealed(cluster, 3);
      });
    }
  }

  @Test
  void aReplicaLostFromDiskIsNoticedByTheScrubberAndMadeAgain(@TempDir Path dir) throws Exception {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, CONFIG + "\nstork.storage-node.scrub-bytes-per-second = 64MiB")) {
      cluster.client().upload("fragile", TestData.random(600_000, 37));
      ArtifactReplicas.ChunkReplicas chunk = cluster.client().locate("fragile").chunks().get(0);
      java.nio.file.Files.delete(io.stork.storagenode.ChunkStore.inspect(cluster.nodeDir(chunk.nodeIds().get(0))).pathOf(chunk.chunk().id()));
      await().atMost(HEAL_TIMEOUT).untilAsserted(() -> ClusterFixture.assertHealed(cluster, 3));
    }
  }

  @Test
  void aNodeDyingMidUploadNeverLeavesAHalfWrittenArtifact(@TempDir Path dir) throws Exception {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, CONFIG + "\nstork.client.store-timeout = 1s")) {
      byte[] content = TestData.random(24 << 20, 36);
      CompletableFuture<ArtifactVersion> upload = CompletableFuture.supplyAsync(() -> cluster.client().upload("midway", content));
      await().until(() -> cluster.client().nodes().stream().anyMatch(n -> n.chunks() > 0) || upload.isDone());
      cluster.stopStorageNode("sn-2");
      try {
        upload.get();
        assertArrayEquals(content, cluster.client().getBytes("midway"), "completed on the other nodes");
      } catch (java.util.concurrent.ExecutionException failed) {
        assertTrue(failed.getCause() instanceof StorkException, failed.toString());
        assertTrue(cluster.client().allArtifacts("").isEmpty(), "nothing of a failed upload is visible");
      }
      cluster.restartStorageNode("sn-2");
      await().atMost(HEAL_TIMEOUT).untilAsserted(() -> ClusterFixture.assertHealed(cluster, 3));
    }
  }

  private static void corrupt(EmbeddedCluster cluster, String node, ChunkId chunkId) throws Exception {
    Path file = io.stork.storagenode.ChunkStore.inspect(cluster.nodeDir(node)).pathOf(chunkId);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length() / 2);
      int b = raf.read();
      raf.seek(raf.length() / 2);
      raf.write(b ^ 0x40);
    }
  }

  private static boolean isDamaged(EmbeddedCluster cluster, String node, ChunkId chunkId) {
    try {
      io.stork.storagenode.ChunkStore.inspect(cluster.nodeDir(node)).read(chunkId);
      return false;
    } catch (java.nio.file.NoSuchFileException gone) {
      return false;
    } catch (java.io.IOException e) {
      return true;
    }
  }
}
