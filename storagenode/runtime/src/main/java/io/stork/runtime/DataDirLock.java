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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a data directory, held for the life of the process: two processes writing
 * one journal or one chunk directory would corrupt it, and so would a store made inside another's
 * directory, or around it. So the lock also refuses a directory nested inside, or containing, one in
 * use ({@link DataDirs} finds those). The OS releases it if the process dies.
 */
public final class DataDirLock implements AutoCloseable {
  public static final String LOCK_FILE = "stork.lock";

  /**
   * The directories this JVM holds, by real path. Their lock files are never opened a second time
   * here: closing any channel of a file drops every POSIX lock the process holds on it.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final FileChannel channel;

  private DataDirLock(Path dir, FileChannel channel) {
    this.dir = dir;
    this.channel = channel;
  }

  /** Creates {@code dir} if needed and locks it, or says clearly why it cannot. */
  public static DataDirLock acquire(Path dir) {
    DataDirLock lock = lockItself(dir);
    try {
      // Checked once it is locked: of two processes starting at once in nested directories, one sees the other.
      Optional<String> nested = DataDirs.nestedInUse(lock.dir);
      if (nested.isPresent()) {
        throw new IllegalStateException("cannot use the data directory " + dir + ": " + nested.get());
      }
      return lock;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static synchronized DataDirLock lockItself(Path dir) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      Path real = dir.toRealPath();
      if (!HELD.contains(real)) {
        channel = FileChannel.open(real.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock != null) {
          HELD.add(real);
          return new DataDirLock(real, channel);
        }
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

  /**
   * Whether {@code dir} (a real path) is a data directory in use, by this JVM or another process,
   * asked without disturbing it: a lock file held here is not opened again, another is only opened
   * to read and tried with a shared lock that is let go at once (synchronized with {@link #lockItself},
   * so that no probe closes a channel on a lock being taken here).
   */
  static synchronized boolean isInUse(Path dir) {
    if (HELD.contains(dir)) {
      return true;
    }
    Path lockFile = dir.resolve(LOCK_FILE);
    if (!Files.isRegularFile(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ)) {
      FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false; // unreadable: no process of ours could hold it either
    }
  }

  @Override
  public synchronized void close() {
    if (channel.isOpen()) {
      closeQuietly(channel);
      HELD.remove(dir);
    }
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
