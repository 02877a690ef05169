package io.stork.client;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import io.stork.runtime.DataDirLock;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The client's dealings with local files: what may be uploaded, and which paths are the store's
 * own (inside a Stork data directory) and never written. Where a download goes is
 * {@link DownloadTarget}'s business.
 */
final class LocalFiles {
  private LocalFiles() {}

  static void checkReadableFile(Path file) {
    if (!Files.exists(file)) {
      throw new StorkException(ErrorKind.NOT_FOUND, "file " + file + " does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new StorkException(ErrorKind.INVALID, file + " is a directory, not a file");
    }
    if (!Files.isRegularFile(file)) {
      throw new StorkException(ErrorKind.INVALID, file + " is not a regular file (a device or a pipe has no end to upload)");
    }
    if (!Files.isReadable(file)) {
      throw new StorkException(ErrorKind.IO, "file " + file + " is not readable");
    }
  }

  /**
   * Refuses a path inside a Stork data directory (one that holds a {@link DataDirLock#LOCK_FILE}):
   * its files are the store's own, and a download over the journal would empty the store. Only looks.
   */
  static void checkOutsideDataDirectory(Path file) {
    Path store = enclosingDataDirectory(file.toAbsolutePath().normalize());
    if (store != null) {
      throw new StorkException(ErrorKind.INVALID, file + " is inside the Stork data directory " + store
          + ", whose files are the store's own: write it elsewhere");
    }
  }

  /** The data directory {@code absolute} lies in, itself or through a symlink; null when none. */
  private static Path enclosingDataDirectory(Path absolute) {
    for (Path dir = absolute.getParent(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(DataDirLock.LOCK_FILE), LinkOption.NOFOLLOW_LINKS)) {
        return dir;
      }
    }
    try {
      Path parent = absolute.getParent();
      Path real = Files.exists(absolute) ? absolute.toRealPath()
          : parent == null || !Files.exists(parent) ? absolute : parent.toRealPath().resolve(absolute.getFileName());
      return real.equals(absolute) ? null : enclosingDataDirectory(real);
    } catch (IOException e) {
      return null; // unreadable: the write itself will say so
    }
  }

  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file " + e.getMessage();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return String.valueOf(e.getMessage());
  }
}
