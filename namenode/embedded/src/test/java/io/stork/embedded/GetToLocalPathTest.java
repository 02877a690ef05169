package io.stork.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.client.ArtifactReplicas;
import io.stork.client.StorkClient;
import io.stork.client.TransferListener;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import io.stork.storagenode.ChunkStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StorkClient.get to a path: regular files through a temporary file, devices and FIFOs straight, the rest refused first. */
class GetToLocalPathTest {
  static final int CHUNK = 64 * 1024;
  @TempDir static Path dir;
  static EmbeddedCluster cluster;
  static StorkClient client;
  static byte[] content;

  @BeforeAll
  static void start() {
    cluster = ClusterFixture.start(dir.resolve("store"), "stork.chunk-size = 64KiB");
    client = cluster.client();
    content = TestData.random(3 * CHUNK + 10, 41);
    client.upload("out/bin", content);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void devNullIsWrittenIntoAndStaysACharacterDevice() throws IOException {
    ArtifactVersion version = client.get("out/bin", Path.of("/dev/null"), false, TransferListener.NONE);
    assertEquals(content.length, version.size());
    assertEquals(0020000, (Integer) Files.getAttribute(Path.of("/dev/null"), "unix:mode") & 0170000, "still a character device");
  }

  @Test
  void aFifoGetsTheBytesAndStaysAFifo(@TempDir Path files) throws Exception {
    Path fifo = mkfifo(files.resolve("out.fifo"));
    CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> readAll(fifo));
    client.get("out/bin", fifo, false, TransferListener.NONE);
    assertArrayEquals(content, reader.get(30, TimeUnit.SECONDS));
    assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
    try (var listing = Files.list(files)) {
      assertEquals(List.of(fifo), listing.toList(), "no temporary file beside it");
    }
  }

  @Test
  void aReadFailingAfterBytesReachedAFifoSaysHowManyWereWritten(@TempDir Path files) throws Exception {
    byte[] doomed = TestData.random(3 * CHUNK, 42);
    client.upload("out/doomed", doomed);
    ArtifactReplicas.ChunkReplicas last = client.locate("out/doomed").chunks().get(2);
    for (String node : last.nodeIds()) {
      flipAByte(ChunkStore.inspect(cluster.nodeDir(node)).pathOf(last.chunk().id())); // every replica of the last chunk
    }
    Path fifo = mkfifo(files.resolve("doomed.fifo"));
    CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> readAll(fifo));
    StorkException error = assertThrows(StorkException.class, () -> client.get("out/doomed", fifo, false, TransferListener.NONE));
    byte[] received = reader.get(30, TimeUnit.SECONDS);
    assertEquals(2 * CHUNK, received.length, "the two intact chunks, then the end");
    assertArrayEquals(Arrays.copyOf(doomed, 2 * CHUNK), received);
    assertTrue(error.getMessage().endsWith("; " + 2 * CHUNK + " bytes were already written to " + fifo
        + ", which cannot be rolled back: discard them"), error.getMessage());
  }

  @Test
  void aDirectoryIsRefusedBeforeTheClusterIsAsked(@TempDir Path files) throws IOException {
    Path inside = Files.writeString(files.resolve("kept"), "kept");
    StorkException error = assertThrows(StorkException.class, () -> client.get("no-such-artifact", files, true, TransferListener.NONE));
    assertEquals(ErrorKind.INVALID, error.kind(), "the path is refused, not the missing artifact reported");
    assertEquals(files + " is a directory", error.getMessage());
    assertTrue(Files.isDirectory(files));
    assertEquals("kept", Files.readString(inside));
    StorkException noParent = assertThrows(StorkException.class,
        () -> client.get("no-such-artifact", files.resolve("missing/out"), true, TransferListener.NONE));
    assertEquals(ErrorKind.NOT_FOUND, noParent.kind());
    assertEquals("directory " + files.resolve("missing") + " does not exist", noParent.getMessage());
  }

  @Test
  void aRegularFileIsStillWrittenWholeThroughATemporaryFile(@TempDir Path files) throws IOException {
    Path out = files.resolve("out.bin");
    client.get("out/bin", out, false, TransferListener.NONE);
    assertArrayEquals(content, Files.readAllBytes(out));
    StorkException exists = assertThrows(StorkException.class, () -> client.get("out/bin", out, false, TransferListener.NONE));
    assertEquals(ErrorKind.ALREADY_EXISTS, exists.kind());
    Files.writeString(out, "older");
    client.get("out/bin", out, true, TransferListener.NONE);
    assertArrayEquals(content, Files.readAllBytes(out));
    try (var listing = Files.list(files)) {
      assertEquals(List.of(out), listing.toList(), "no partial file left behind");
    }
  }

  private static Path mkfifo(Path fifo) throws IOException, InterruptedException {
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    return fifo;
  }

  private static byte[] readAll(Path fifo) {
    try {
      return Files.readAllBytes(fifo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void flipAByte(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length() - 1);
      int b = raf.read();
      raf.seek(raf.length() - 1);
      raf.write(b ^ 0x40);
    }
  }
}
