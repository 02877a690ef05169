package io.stork.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a download may be written to, and how: real files, a real FIFO, /dev/null, a real socket. */
class DownloadTargetTest {
  private static final byte[] CONTENT = "the whole content\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private static DownloadTarget.Writer<String> content() {
    return out -> {
      out.write(CONTENT);
      return "checked";
    };
  }

  /** Writes the content, then finds it damaged, as Downloader does when the SHA-256 differs. */
  private static DownloadTarget.Writer<String> damaged() {
    return out -> {
      out.write(CONTENT);
      throw new StorkException(ErrorKind.CORRUPT, "artifact 'x' failed its SHA-256 check");
    };
  }

  private static StorkException refused(Path file, boolean replace) {
    return assertThrows(StorkException.class, () -> DownloadTarget.of(file, replace));
  }

  @Test
  void aNewFileAppearsWholeAndAnExistingOneOnlyWhenReplaced() throws IOException {
    Path file = dir.resolve("new.txt");
    assertEquals("checked", DownloadTarget.of(file, false).write(content()));
    assertArrayEquals(CONTENT, Files.readAllBytes(file));
    StorkException exists = refused(file, false);
    assertEquals(ErrorKind.ALREADY_EXISTS, exists.kind());
    assertEquals("file " + file + " already exists", exists.getMessage());
    Files.writeString(file, "old");
    DownloadTarget.of(file, true).write(content());
    assertArrayEquals(CONTENT, Files.readAllBytes(file));
  }

  @Test
  void aDamagedContentLeavesTheOldFileOrNoneAndNoTemporaryFile() throws IOException {
    Path old = Files.writeString(dir.resolve("old.txt"), "old");
    StorkException replaced = assertThrows(StorkException.class, () -> DownloadTarget.of(old, true).write(damaged()));
    assertEquals("artifact 'x' failed its SHA-256 check", replaced.getMessage(), "nothing was written where it shows");
    assertEquals("old", Files.readString(old));
    Path fresh = dir.resolve("fresh.txt");
    assertThrows(StorkException.class, () -> DownloadTarget.of(fresh, false).write(damaged()));
    assertFalse(Files.exists(fresh));
    try (var listing = Files.list(dir)) {
      assertEquals(java.util.List.of(old), listing.toList(), "no partial file left");
    }
  }

  @Test
  void devNullIsWrittenStraightAndStaysACharacterDevice() throws IOException {
    Path devNull = Path.of("/dev/null");
    assertEquals("checked", DownloadTarget.of(devNull, false).write(content()), "no --force needed: nothing is replaced");
    assertFalse(Files.isRegularFile(devNull));
    assertEquals(0020000, (Integer) Files.getAttribute(devNull, "unix:mode") & 0170000, "still a character device");
  }

  @Test
  void aFifoIsWrittenStraightIntoForAReader() throws Exception {
    Path fifo = mkfifo("out.fifo");
    CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> readAll(fifo));
    assertEquals("checked", DownloadTarget.of(fifo, false).write(content()));
    assertArrayEquals(CONTENT, reader.get(30, TimeUnit.SECONDS));
    assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS), "still a FIFO, not renamed over");
    try (var listing = Files.list(dir)) {
      assertEquals(java.util.List.of(fifo), listing.toList(), "no temporary file");
    }
  }

  @Test
  void aFailedCheckAfterBytesReachedAFifoIsCorruptAndSaysSo() throws Exception {
    Path fifo = mkfifo("damaged.fifo");
    CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> readAll(fifo));
    StorkException error = assertThrows(StorkException.class, () -> DownloadTarget.of(fifo, false).write(damaged()));
    assertEquals(ErrorKind.CORRUPT, error.kind());
    assertEquals("artifact 'x' failed its SHA-256 check; " + CONTENT.length + " bytes were already written to " + fifo
        + ", which cannot be rolled back: discard them", error.getMessage());
    assertArrayEquals(CONTENT, reader.get(30, TimeUnit.SECONDS), "the reader got what was written, and then its end");
  }

  @Test
  void aFullDeviceFailsOnItsFirstWriteWithOneLine() {
    StorkException error = assertThrows(StorkException.class, () -> DownloadTarget.of(Path.of("/dev/full"), false).write(content()));
    assertEquals(ErrorKind.IO, error.kind());
    assertEquals("cannot write /dev/full: No space left on device", error.getMessage());
  }

  @Test
  void whatCannotBeReplacedSafelyIsRefusedBeforeAnythingIsWritten() throws IOException {
    StorkException directory = refused(dir, true);
    assertEquals(ErrorKind.INVALID, directory.kind());
    assertEquals(dir + " is a directory", directory.getMessage());

    Path missing = dir.resolve("no-such-dir").resolve("out");
    StorkException noParent = refused(missing, true);
    assertEquals(ErrorKind.NOT_FOUND, noParent.kind());
    assertEquals("directory " + missing.getParent() + " does not exist", noParent.getMessage());

    Path file = Files.writeString(dir.resolve("plain"), "x");
    StorkException fileAsParent = refused(file.resolve("out"), true);
    assertEquals(ErrorKind.INVALID, fileAsParent.kind());
    assertEquals(file + " is not a directory", fileAsParent.getMessage());

    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
    StorkException toNothing = refused(dangling, true);
    assertEquals(ErrorKind.INVALID, toNothing.kind());
    assertEquals(dangling + " is a symbolic link to " + dir.resolve("nowhere") + ", which does not exist", toNothing.getMessage());
    assertFalse(Files.exists(dir.resolve("nowhere")));

    Path toDirectory = Files.createSymbolicLink(dir.resolve("to-dir"), dir);
    assertEquals(toDirectory + " is a directory", refused(toDirectory, true).getMessage());
  }

  @Test
  void aSocketIsRefused() throws IOException {
    Path socket = dir.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      StorkException error = refused(socket, true);
      assertEquals(ErrorKind.INVALID, error.kind());
      assertEquals(socket + " is a socket, which cannot be written", error.getMessage());
      Path link = Files.createSymbolicLink(dir.resolve("to-socket"), socket);
      assertEquals(link + " is a socket, which cannot be written", refused(link, true).getMessage());
      assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(socket), "left as it was");
    }
  }

  @Test
  void aSymlinkToAFileReplacesTheFileItNamesAndKeepsTheLink() throws IOException {
    Path real = Files.writeString(dir.resolve("real"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    DownloadTarget.of(link, true).write(content());
    assertTrue(Files.isSymbolicLink(link));
    assertArrayEquals(CONTENT, Files.readAllBytes(real));
  }

  @Test
  void theStoresOwnFilesAreRefused() throws IOException {
    Path store = Files.createDirectories(dir.resolve("store"));
    Files.writeString(store.resolve(io.stork.runtime.DataDirLock.LOCK_FILE), "");
    Path journal = Files.writeString(store.resolve("journal.log"), "journal");
    StorkException error = refused(journal, true);
    assertEquals(ErrorKind.INVALID, error.kind());
    assertEquals("journal", Files.readString(journal));
  }

  private Path mkfifo(String name) throws IOException, InterruptedException {
    Path fifo = dir.resolve(name);
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
}
