package io.stork.storagenode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, small file system for tests that fill a disk: a tmpfs of a given size mounted on a
 * directory (root only). {@link #close} unmounts it, also after a failed test. Where the machine
 * cannot mount one, {@link #mount} skips the test with a line that says why.
 */
public final class SmallDisk implements AutoCloseable {
  private final Path mountPoint;

  private SmallDisk(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /** Mounts a tmpfs of {@code bytes} on {@code mountPoint} (created if needed), or skips the test. */
  public static SmallDisk mount(Path mountPoint, long bytes) {
    try {
      Files.createDirectories(mountPoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String failure = run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", mountPoint.toString());
    Assumptions.assumeTrue(failure == null, () -> "skipped: this machine cannot mount a small file system for the test ("
        + failure + "); it needs root, or a container allowed to mount tmpfs");
    return new SmallDisk(mountPoint);
  }

  public Path path() {
    return mountPoint;
  }

  /** Bytes its file system has free for files now. */
  public long usableBytes() {
    try {
      return Files.getFileStore(mountPoint).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    // A lazy unmount as the last resort: a file a failed test left open must not keep the mount.
    if (run("umount", mountPoint.toString()) != null) {
      String failure = run("umount", "-l", mountPoint.toString());
      if (failure != null) {
        throw new IllegalStateException("could not unmount the test's tmpfs at " + mountPoint + ": " + failure);
      }
    }
  }

  /** Runs a command; null when it succeeded, else what it said. */
  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return String.join(" ", command) + " did not finish";
      }
      return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + (said.isEmpty() ? "exit " + process.exitValue() : said);
    } catch (IOException e) {
      return String.join(" ", command) + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
