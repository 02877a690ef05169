package io.stork.runtime;

import java.nio.file.Path;

/**
 * Another process for {@link DataDirLockTest}: {@code hold DIR} locks DIR, says "locked" and keeps it
 * until its stdin closes; {@code try DIR} says whether it could lock DIR ("locked" or the refusal).
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (DataDirLock lock = DataDirLock.acquire(Path.of(args[1]))) {
      System.out.println("locked");
      System.out.flush();
      if (args[0].equals("hold")) {
        while (System.in.read() >= 0) {
          // hold until the test closes stdin
        }
      }
    } catch (IllegalStateException e) {
      System.out.println(e.getMessage());
    }
  }
}
