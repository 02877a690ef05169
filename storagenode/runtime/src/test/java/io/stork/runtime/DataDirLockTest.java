package io.stork.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory in use keeps out a second store in it, around it or inside it, whether in this JVM or another process. */
class DataDirLockTest {
  @TempDir Path dir;

  private static String refusal(Path dataDir) {
    return assertThrows(IllegalStateException.class, () -> DataDirLock.acquire(dataDir).close()).getMessage();
  }

  @Test
  void aDirectoryInsideOrAroundOneInUseIsRefusedAndSiblingsAreNot() throws IOException {
    Path store = dir.resolve("D");
    try (DataDirLock held = DataDirLock.acquire(store)) {
      Path real = store.toRealPath();
      assertEquals("the data directory " + store + " is in use by another stork process", refusal(store));
      assertEquals("cannot use the data directory " + store.resolve("sn-1") + ": it is inside " + real
          + ", the data directory of a running stork process", refusal(store.resolve("sn-1")));
      assertTrue(refusal(store.resolve("a/b/c")).endsWith("it is inside " + real + ", the data directory of a running stork process"));
      assertEquals("cannot use the data directory " + dir + ": it holds " + real + ", the data directory of a running stork process",
          refusal(dir));
      assertTrue(Files.isDirectory(store.resolve("sn-1")), "the refused directory was made before it was refused: it stays empty");
      try (DataDirLock sibling = DataDirLock.acquire(dir.resolve("E"))) {
        assertTrue(Files.exists(dir.resolve("E").resolve(DataDirLock.LOCK_FILE)));
      }
    }
    try (DataDirLock nowFree = DataDirLock.acquire(store.resolve("sn-1"))) {
      assertTrue(Files.exists(store.resolve("sn-1").resolve(DataDirLock.LOCK_FILE)), "free once the outer one is let go");
    }
  }

  @Test
  void aPathIsHeldByTheDataDirectoryInUseAboveItThroughLinksAndBeforeItExists() throws IOException {
    Path store = dir.resolve("D");
    Files.createDirectories(dir.resolve("elsewhere"));
    Files.createSymbolicLink(dir.resolve("link"), store.getFileName());
    try (DataDirLock held = DataDirLock.acquire(store)) {
      Optional<Path> holder = Optional.of(store.toRealPath());
      assertEquals(holder, DataDirs.inUseHolding(store));
      assertEquals(holder, DataDirs.inUseHolding(store.resolve("namenode/journal.log")), "a file not written yet");
      assertEquals(holder, DataDirs.inUseHolding(dir.resolve("link/sn-1/x")), "through a symbolic link");
      assertEquals(holder, DataDirs.inUseHolding(dir.resolve("elsewhere/../D/x")), "through ..");
      assertEquals(Optional.empty(), DataDirs.inUseHolding(dir.resolve("elsewhere/x")));
      assertEquals(Optional.empty(), DataDirs.inUseHolding(dir));
    }
    assertEquals(Optional.empty(), DataDirs.inUseHolding(store.resolve("x")), "nothing holds it once let go");
  }

  @Test
  void aDataDirectoryInUseByAnotherProcessIsSeenAndNotDisturbed() throws Exception {
    Path store = dir.resolve("D");
    Process holder = java("hold", store);
    try (BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("locked", said.readLine());
      Path real = store.toRealPath();
      assertEquals(Optional.of(real), DataDirs.inUseHolding(store.resolve("sn-1/chunks")));
      assertEquals("the data directory " + store + " is in use by another stork process", refusal(store));
      assertTrue(refusal(store.resolve("sn-1")).endsWith("it is inside " + real + ", the data directory of a running stork process"));
      assertTrue(refusal(dir).endsWith("it holds " + real + ", the data directory of a running stork process"));
      assertEquals(Optional.of(real), DataDirs.inUseHolding(store), "still held after every probe");
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    } finally {
      holder.destroyForcibly();
    }
    try (DataDirLock free = DataDirLock.acquire(store.resolve("sn-1"))) {
      assertEquals(Optional.of(store.resolve("sn-1").toRealPath()), DataDirs.inUseHolding(store.resolve("sn-1")));
    }
  }

  @Test
  void aSecondLockOfOneDirectoryInThisJvmLeavesTheFirstHeld() throws Exception {
    Path store = dir.resolve("D");
    try (DataDirLock held = DataDirLock.acquire(store)) {
      refusal(store);
      Process other = java("try", store);
      String said = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertTrue(other.waitFor(30, TimeUnit.SECONDS));
      assertEquals("the data directory " + store + " is in use by another stork process", said);
    }
  }

  /** Runs {@link LockHolder} in a JVM of its own, on this test's class path. */
  private static Process java(String mode, Path dataDir) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), mode,
        dataDir.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
