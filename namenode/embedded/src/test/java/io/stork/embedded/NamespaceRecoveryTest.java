package io.stork.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.client.StorkClient;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.StorkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The name node's whole directory lost: the storage nodes delete nothing (safe mode holds, and
 * says why), and {@code recover} rebuilds the namespace from the manifests and tombstones they
 * keep, every acknowledged artifact byte for byte, deletes included.
 */
class NamespaceRecoveryTest {
  private static final String SETTINGS = "stork.chunk-size = 64KiB\nstork.repair.startup-grace = 200ms";
  private static final List<String> NODES = List.of("sn-1", "sn-2", "sn-3", "sn-4", "sn-5");

  @Test
  void aLostNameNodeDirectoryComesBackFromTheStorageNodes(@TempDir Path dir) throws IOException {
    Map<String, byte[]> expected = new LinkedHashMap<>();
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, SETTINGS)) {
      StorkClient client = cluster.client();
      for (int i = 0; i < 6; i++) {
        byte[] content = TestData.random(i * 40_000, i);
        client.upload("artifact-" + i, content);
        expected.put("artifact-" + i, content);
      }
      byte[] updated = TestData.random(150_000, 99);
      client.update("artifact-2", updated);
      expected.put("artifact-2", updated);
      client.delete("artifact-4");
      expected.remove("artifact-4");
      client.upload("زن‌ها", "a Persian name with a zero-width non-joiner".getBytes());
      expected.put("زن‌ها", "a Persian name with a zero-width non-joiner".getBytes());
      awaitHealed(client);
    }
    Set<ChunkId> before = chunksOnDisks(dir);
    deleteTree(dir.resolve("namenode"));

    try (EmbeddedCluster cluster = ClusterFixture.start(dir, SETTINGS)) {
      StorkClient client = cluster.client();
      NameNodeProtocol.SafeModeStatus held = await().atMost(Duration.ofSeconds(30)).until(client::safeMode,
          status -> status.on() && status.reason().contains("namespace is empty"));
      assertTrue(held.reason().contains("recover"), "it says how to get out: " + held.reason());
      assertTrue(client.summary().inSafeMode(), "list and status show it");
      StorkException refused = assertThrows(StorkException.class, () -> client.upload("new", new byte[] {1}));
      assertEquals(ErrorKind.REFUSED, refused.kind());
      assertEquals(before, chunksOnDisks(dir), "nothing was deleted or trashed while the namespace was lost");

      NameNodeProtocol.Recovered recovered = client.recover();
      assertEquals(new HashSet<>(expected.keySet()), new HashSet<>(recovered.restored()));
      await().atMost(Duration.ofSeconds(30)).until(() -> !client.safeMode().on());
      expected.forEach((name, content) -> assertArrayEquals(content, client.getBytes(name), name));
      assertEquals(2, client.locate("artifact-2").version().version(), "the update's version, not the first");
      assertThrows(StorkException.class, () -> client.getBytes("artifact-4"), "a delete stays deleted");
      awaitHealed(client);
      for (ArtifactStatus artifact : client.allArtifacts("")) {
        assertEquals(artifact.chunks() * 3L, artifact.liveReplicas(), artifact.name() + " fully replicated");
      }
      client.upload("new", new byte[] {1});
    }
    // The recovered namespace is journaled: a plain restart needs no recovery.
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, SETTINGS)) {
      StorkClient client = cluster.client();
      await().atMost(Duration.ofSeconds(30)).until(() -> !client.safeMode().on());
      expected.forEach((name, content) -> assertArrayEquals(content, client.getBytes(name), name));
      assertFalse(client.summary().inSafeMode());
    }
  }

  @Test
  void aJournalCutShortAtARecordBoundaryIsNoticedAndTheLostArtifactRecovered(@TempDir Path dir) throws IOException {
    byte[] lost = TestData.random(100_000, 7);
    Path segment;
    long boundary;
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, SETTINGS)) {
      StorkClient client = cluster.client();
      client.upload("kept", TestData.random(70_000, 6));
      segment = onlySegment(dir.resolve("namenode/metadata"));
      boundary = Files.size(segment); // the commit is fsynced before it is acknowledged
      client.upload("lost", lost);
      awaitHealed(client);
    }
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(boundary); // as a crash would cut it: the journal alone cannot tell
    }
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, SETTINGS)) {
      StorkClient client = cluster.client();
      NameNodeProtocol.SafeModeStatus held = await().atMost(Duration.ofSeconds(30)).until(client::safeMode,
          status -> status.on() && status.reason().contains("newer than the name node's metadata"));
      assertTrue(held.reason().contains("'lost' version 1"), held.reason());
      assertThrows(StorkException.class, () -> client.getBytes("lost"));
      assertEquals(List.of("lost"), client.recover().restored());
      assertArrayEquals(lost, client.getBytes("lost"));
      await().atMost(Duration.ofSeconds(30)).until(() -> !client.safeMode().on());
    }
  }

  private static Path onlySegment(Path metadata) throws IOException {
    try (Stream<Path> files = Files.list(metadata)) {
      List<Path> segments = files.filter(f -> f.getFileName().toString().matches("segment-\\d+\\.log")).toList();
      assertEquals(1, segments.size(), segments.toString());
      return segments.get(0);
    }
  }

  private static void awaitHealed(StorkClient client) {
    await().atMost(Duration.ofSeconds(30)).until(() -> client.summary().healed());
  }

  private static Set<ChunkId> chunksOnDisks(Path dir) throws IOException {
    Set<ChunkId> all = new HashSet<>();
    for (String node : NODES) {
      all.addAll(io.stork.storagenode.ChunkStore.inspect(dir.resolve(node)).chunks().keySet());
    }
    return all;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
