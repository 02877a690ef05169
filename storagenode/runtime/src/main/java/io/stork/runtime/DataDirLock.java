package io.stork.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory, held for the life of the process: two processes writing
 * one journal or one chunk directory would corrupt it. The OS releases it if the process dies.
 */
public final class DataDirLock implements AutoCloseable {
  public static final String LOCK_FILE = "stork.lock";

  private final FileChannel channel;

  private DataDirLock(FileChannel channel) {
    this.channel = channel;
  }

  /** Creates {@code dir} if needed and locks it, or says clearly why it cannot. */
  public static DataDirLock acquire(Path dir) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new DataDirLock(channel);
      }
    } catch (OverlappingFileLockException e) {
      // held by this JVM: in use all the same
    } catch (IOException e) {
      closeQuietly(channel);
      String why = e instanceof AccessDeniedException ? "permission denied"
          : e instanceof FileAlreadyExistsException ? "a file is in the way" : String.valueOf(e.getMessage());
      throw new IllegalStateException("cannot use the data directory " + dir + ": " + why, e);
    }
    closeQuietly(channel);
    throw new IllegalStateException("the data directory " + dir + " is in use by another stork process");
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the lock goes with the process anyway
      }
    }
  }
}
