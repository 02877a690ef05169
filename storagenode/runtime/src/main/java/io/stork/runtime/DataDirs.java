package io.stork.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Set;

/**
 * Where the data directories in use are, seen from a path: a store's own files are off limits to
 * everything else, be it a path a user gives (get --out) or another store's data directory. Reads
 * only: it creates, writes and keeps no file (see {@link DataDirLock#isInUse}).
 */
public final class DataDirs {
  /** Directories of a store that hold nothing but its own files (a chunk store's many): not looked into. */
  private static final Set<String> OWN_FILES = Set.of("chunks");
  /** A directory larger than this is not searched whole for data directories nested in it. */
  static final int MOST_DIRECTORIES_SEARCHED = 10_000;

  private DataDirs() {}

  /**
   * The data directory in use that holds {@code path} (the path itself, or a directory above it, the
   * way symbolic links lead), if any. {@code path} need not exist: a file about to be written is
   * held by the directory it would be written in.
   */
  public static Optional<Path> inUseHolding(Path path) {
    Path existing = path.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.empty();
    }
    try {
      for (Path dir = existing.toRealPath(); dir != null; dir = dir.getParent()) {
        if (DataDirLock.isInUse(dir)) {
          return Optional.of(dir);
        }
      }
    } catch (IOException e) {
      return Optional.empty(); // vanished meanwhile: nothing there to hold
    }
    return Optional.empty();
  }

  /** Why {@code dir} (a real path, locked by the caller) may not be a data directory: one in use above it or below it. */
  static Optional<String> nestedInUse(Path dir) {
    Path parent = dir.getParent();
    Optional<Path> above = parent == null ? Optional.empty() : inUseHolding(parent);
    if (above.isPresent()) {
      return Optional.of("it is inside " + above.get() + ", the data directory of a running stork process");
    }
    return inUseBelow(dir).map(below -> "it holds " + below + ", the data directory of a running stork process");
  }

  /** A data directory in use below {@code dir} (not {@code dir} itself), searched breadth first, symbolic links not followed. */
  private static Optional<Path> inUseBelow(Path dir) {
    ArrayDeque<Path> toSearch = new ArrayDeque<>();
    toSearch.add(dir);
    int searched = 0;
    while (!toSearch.isEmpty() && searched++ < MOST_DIRECTORIES_SEARCHED) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(toSearch.poll())) {
        for (Path entry : entries) {
          if (!OWN_FILES.contains(entry.getFileName().toString()) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            if (DataDirLock.isInUse(entry)) {
              return Optional.of(entry);
            }
            toSearch.add(entry);
          }
        }
      } catch (IOException e) {
        // unreadable to this process: not searched
      }
    }
    return Optional.empty();
  }
}
