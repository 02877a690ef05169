package io.stork.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * What this machine can do at best, measured on the filesystem Stork writes to and in this JVM:
 * the bounds Stork's figures are compared with.
 */
final class MachineLimits {
  static final int BLOCK = 1 << 20;

  private MachineLimits() {}

  /**
   * MiB/s writing {@code totalBytes} in 1 MiB blocks, each fsynced (as Stork fsyncs each 1 MiB chunk
   * before acknowledging it), split over {@code writers} files written in parallel.
   */
  static double fsyncedWriteMiBs(Path dir, long totalBytes, int writers) throws Exception {
    try {
      long nanos = Threads.timed(writers, w -> writeBlocks(dir.resolve("limit-write-" + w), totalBytes / writers));
      return totalBytes / (1024.0 * 1024.0) / (nanos / 1e9);
    } finally {
      for (int w = 0; w < writers; w++) {
        Files.deleteIfExists(dir.resolve("limit-write-" + w));
      }
    }
  }


  private static void writeBlocks(Path file, long bytes) throws IOException {
    ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
    for (int i = 0; i < BLOCK; i++) {
      block.put((byte) (i * 31));
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long written = 0; written < bytes; written += BLOCK) {
        block.clear();
        while (block.hasRemaining()) {
          channel.write(block);
        }
        channel.force(false);
      }
    }
  }

  /** MiB/s of SHA-256 on one core of this JVM (the digest every get checks). */
  static double sha256MiBs(long totalBytes) {
    byte[] block = new byte[BLOCK];
    MessageDigest digest = DigestUtils.getSha256Digest();
    for (int warm = 0; warm < 64; warm++) {
      digest.update(block);
    }
    long start = System.nanoTime();
    for (long done = 0; done < totalBytes; done += BLOCK) {
      digest.update(block);
    }
    digest.digest();
    return totalBytes / (1024.0 * 1024.0) / ((System.nanoTime() - start) / 1e9);
  }

  /** Files/s creating {@code files} 1 KiB files, each fsynced, split over {@code threads} threads. */
  static double fsyncedCreatesPerSecond(Path dir, int files, int threads) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("limit-creates"));
    try {
      long nanos = Threads.timed(threads, thread -> {
        ByteBuffer kib = ByteBuffer.allocate(1024);
        for (int i = thread; i < files; i += threads) {
          try (FileChannel channel = FileChannel.open(folder.resolve("f" + i), StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE)) {
            kib.clear();
            channel.write(kib);
            channel.force(true);
          }
        }
      });
      return files / (nanos / 1e9);
    } finally {
      for (int i = 0; i < files; i++) {
        Files.deleteIfExists(folder.resolve("f" + i));
      }
      Files.deleteIfExists(folder);
    }
  }

}
