package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.shell.ShellRunner.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** get --out: regular files (never replaced without --force, umask mode), devices, FIFOs, stdout, and the store's own files. */
class GetOutTest extends SharedClusterTest {
  private static byte[] bytes;

  @BeforeAll
  static void uploadBinary() throws IOException {
    bytes = new byte[200_000]; // 4 chunks of 64 KiB
    new Random(11).nextBytes(bytes);
    cluster.client().upload("out-bin", bytes);
    cluster.client().upload("out-text", "hello\n".getBytes(StandardCharsets.UTF_8));
  }

  private static Result stdin(String... lines) {
    return ShellRunner.run(environment, String.join("\n", lines) + "\n", "--keep-going");
  }

  @Test
  void devNullStaysADevice() {
    Result r = stdin("get out-bin --out /dev/null");
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("wrote 'out-bin' to /dev/null: version 1"), r.out());
    assertFalse(Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");
    assertTrue(Files.exists(Path.of("/dev/null")));
  }

  @Test
  void aFullDeviceIsOneClearLine() {
    Result r = stdin("get out-bin --out /dev/full");
    assertEquals("<stdin>:1: error: cannot write /dev/full: No space left on device\n", r.err());
    assertEquals(10, r.code(), "a local file error");
    assertTrue(Files.exists(Path.of("/dev/full")) && !Files.isRegularFile(Path.of("/dev/full")));
  }

  @Test
  void aFifoIsWrittenStraightIntoAndReadByAnotherThread() throws Exception {
    Path fifo = dir.resolve("out.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readAllBytes(fifo);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Result r = stdin("get out-bin --out " + fifo);
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertArrayEquals(bytes, reader.get(30, TimeUnit.SECONDS));
    assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS), "still a FIFO, not renamed over");
    try (var listing = Files.list(dir)) {
      assertFalse(listing.anyMatch(p -> p.getFileName().toString().endsWith(".stork-partial")), "no temporary file");
    }
  }

  @Test
  void dashIsStdoutAndOnAPipeBinaryIsWrittenAsItIs() {
    Result r = stdin("get out-bin --out -");
    assertEquals("", r.err());
    assertArrayEquals(bytes, r.bytes());
    assertEquals("hello\n", stdin("cat out-text").out());
    Result json = stdin("get out-text --json --out -");
    assertTrue(json.err().startsWith("{\"error\":\"--out - and --json both want stdout: give --out a file, or leave --json out\","
        + "\"kind\":\"invalid\",\"exit\":2,\"at\":\"<stdin>:1\"}"), json.err());
    assertEquals(2, json.code());
  }

  @Test
  void anExistingFileIsReplacedOnlyWithForceAndKeepsItsMode() throws IOException {
    Path file = Files.writeString(dir.resolve("existing.txt"), "mine");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Result refused = stdin("get out-text --out " + file);
    assertEquals("<stdin>:1: error: file " + file + " already exists; --force replaces it\n", refused.err());
    assertEquals(4, refused.code(), "already exists");
    assertEquals("mine", Files.readString(file), "nothing changed");
    Result forced = stdin("get out-text --out " + file + " --force");
    assertEquals("", forced.err());
    assertEquals("hello\n", Files.readString(file));
    assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(file));
    assertEquals("<stdin>:1: error: --force goes with --out PATH\n", stdin("get out-text --force").err());
  }

  @Test
  void aNewFileGetsTheModeTheUmaskGives() throws IOException {
    Path probe = Files.createFile(dir.resolve("umask-probe")); // what this process's umask makes of 0666
    Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(probe);
    Path out = dir.resolve("new.bin");
    assertEquals(0, stdin("get out-bin --out " + out).code());
    assertEquals(umasked, Files.getPosixFilePermissions(out), "not 600: the mode a new file gets");
    assertArrayEquals(bytes, Files.readAllBytes(out));
  }

  @Test
  void aDirectoryOrALinkToNothingIsRefusedBeforeTheClusterIsAsked() throws IOException {
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
    Result r = stdin("get no-such-artifact --out " + dir, "get out-text --out " + dangling);
    assertEquals(String.join("\n",
        "<stdin>:1: error: " + dir + " is a directory",
        "<stdin>:2: error: " + dangling + " is a symbolic link to " + dir.resolve("nowhere") + ", which does not exist", ""),
        r.err(), "the path is refused, not the missing artifact reported");
    assertEquals(2, r.code());
    assertFalse(Files.exists(dir.resolve("nowhere"), LinkOption.NOFOLLOW_LINKS), "nothing created where the link points");
  }

  @Test
  void aPathInsideAStoreOrASymlinkIntoOneIsRefused() throws IOException {
    Path store = Files.createDirectories(dir.resolve("a-store"));
    Files.writeString(store.resolve("stork.lock"), "");
    Path journal = Files.writeString(Files.createDirectories(store.resolve("namenode")).resolve("journal.log"), "journal");
    Path link = Files.createSymbolicLink(dir.resolve("innocent"), journal);
    Result r = stdin("get out-text --out " + journal + " --force", "get out-text --out " + link + " --force");
    assertEquals(String.join("\n",
        "<stdin>:1: error: " + journal + " is inside the Stork data directory " + store
            + ", whose files are the store's own: write it elsewhere",
        "<stdin>:2: error: " + link + " is inside the Stork data directory " + store
            + ", whose files are the store's own: write it elsewhere", ""), r.err());
    assertEquals(2, r.code());
    assertEquals("journal", Files.readString(journal));
  }
}
