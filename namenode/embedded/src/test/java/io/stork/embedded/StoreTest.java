package io.stork.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.client.ArtifactReplicas;
import io.stork.client.StorkClient;
import io.stork.client.TransferListener;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upload, get, update and delete on one embedded cluster of 5 nodes, R = 3, 256 KiB chunks. */
class StoreTest {
  static final int CHUNK = 256 * 1024;
  @TempDir static Path dir;
  static EmbeddedCluster cluster;
  static StorkClient client;

  @BeforeAll
  static void start() {
    cluster = ClusterFixture.start(dir, "stork.chunk-size = 256KiB");
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 50 << 20})
  void getReturnsExactlyWhatWasUploaded(int size) {
    String name = "roundtrip/" + size;
    byte[] content = TestData.random(size, size);
    ArtifactVersion version = client.upload(name, content);
    assertEquals(1, version.version());
    assertEquals(size, version.size());
    assertEquals((size + CHUNK - 1) / CHUNK, version.chunks().size());
    assertArrayEquals(content, client.getBytes(name));
  }

  @Test
  void everyChunkHasThreeReplicasOnThreeDistinctNodesAndOnTheirDisks() {
    client.upload("placed", TestData.random(10 * CHUNK, 11));
    ArtifactReplicas located = client.locate("placed");
    for (ArtifactReplicas.ChunkReplicas chunk : located.chunks()) {
      assertEquals(3, new HashSet<>(chunk.nodeIds()).size(), "3 distinct nodes for " + chunk.chunk().id());
      for (String node : cluster.nodeIds()) {
        boolean onDisk = ClusterFixture.chunksOnDisk(cluster, node).contains(chunk.chunk().id());
        assertEquals(chunk.nodeIds().contains(node), onDisk, chunk.chunk().id() + " on " + node);
      }
    }
  }

  @Test
  void aFileUploadsAndDownloadsThroughTemporaryFiles(@TempDir Path files) throws Exception {
    Path source = files.resolve("in.bin");
    Files.write(source, TestData.random(CHUNK * 2 + 5, 12));
    client.upload("file", source);
    Path target = files.resolve("out.bin");
    client.get("file", target, TransferListener.NONE);
    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(target));
    try (var listing = Files.list(files)) {
      assertEquals(Set.of(source, target), Set.copyOf(listing.toList()), "no partial file left behind");
    }
  }

  @Test
  void updateReplacesTheContentAndBumpsTheVersion() {
    client.upload("doc", "one".getBytes());
    ArtifactVersion second = client.update("doc", "two, longer".getBytes());
    assertEquals(2, second.version());
    assertArrayEquals("two, longer".getBytes(), client.getBytes("doc"));
  }

  @Test
  void deleteMakesGetFailAndRemovesTheChunksFromEveryDisk() {
    client.upload("doomed", TestData.random(4 * CHUNK, 13));
    Set<ChunkId> chunks = new HashSet<>();
    client.locate("doomed").chunks().forEach(c -> chunks.add(c.chunk().id()));
    client.delete("doomed");
    StorkException error = assertThrows(StorkException.class, () -> client.getBytes("doomed"));
    assertEquals("artifact 'doomed' not found", error.getMessage());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Set<ChunkId> left = ClusterFixture.chunksOnAnyDisk(cluster);
      left.retainAll(chunks);
      assertEquals(Set.of(), left);
    });
  }

  @Test
  void replacedVersionsLeaveNoChunksBehind() {
    client.upload("rewritten", TestData.random(2 * CHUNK, 14));
    Set<ChunkId> old = new HashSet<>();
    client.locate("rewritten").chunks().forEach(c -> old.add(c.chunk().id()));
    client.update("rewritten", TestData.random(CHUNK, 15));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Set<ChunkId> left = ClusterFixture.chunksOnAnyDisk(cluster);
      left.retainAll(old);
      assertEquals(Set.of(), left);
    });
  }

  @Test
  void errorsAreDistinctClearAndChangeNothing() {
    client.upload("exists", "x".getBytes());
    List<ArtifactStatus> before = client.allArtifacts("");
    StorkException exists = assertThrows(StorkException.class, () -> client.upload("exists", "y".getBytes()));
    assertEquals("artifact 'exists' already exists (use update to replace it)", exists.getMessage());
    assertEquals(ErrorKind.ALREADY_EXISTS, exists.kind());
    for (Executable missing : List.<Executable>of(() -> client.update("missing", "y".getBytes()), () -> client.getBytes("missing"),
        () -> client.delete("missing"))) {
      StorkException error = assertThrows(StorkException.class, missing);
      assertEquals("artifact 'missing' not found", error.getMessage());
      assertEquals(ErrorKind.NOT_FOUND, error.kind());
    }
    for (String bad : List.of("", "../x", "a\u0000b", "x".repeat(256))) {
      StorkException error = assertThrows(StorkException.class, () -> client.upload(bad, "y".getBytes()));
      assertTrue(error.getMessage().startsWith("artifact name"), error.getMessage());
      assertEquals(ErrorKind.INVALID, error.kind());
      assertThrows(StorkException.class, () -> client.getBytes(bad));
      assertThrows(StorkException.class, () -> client.delete(bad));
    }
    assertEquals(before, client.allArtifacts(""));
    assertArrayEquals("x".getBytes(), client.getBytes("exists"));
  }

  @Test
  void aMissingOrUnreadableSourceFileIsAClearError(@TempDir Path files) {
    assertTrue(assertThrows(StorkException.class, () -> client.upload("nofile", files.resolve("absent")))
        .getMessage().contains("does not exist"));
    assertTrue(assertThrows(StorkException.class, () -> client.upload("nofile", files))
        .getMessage().contains("is a directory"));
    assertThrows(StorkException.class, () -> client.getBytes("nofile"));
  }
}
