package io.stork.client;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import io.stork.runtime.DataDirLock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The client's dealings with local files: what may be uploaded, and writing a download safely. A
 * regular file is written to a temporary file beside it and renamed over it once the content is
 * whole and checked; a device or a FIFO is written straight into (a rename would replace the
 * device node itself); anything else, and any path inside a Stork data directory, is refused.
 */
final class LocalFiles {
  // The file types of st_mode (POSIX), for what Java's BasicFileAttributes calls "other".
  private static final int TYPE_MASK = 0170000;
  private static final int FIFO = 0010000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final int BLOCK_DEVICE = 0060000;
  private static final int SOCKET = 0140000;

  private LocalFiles() {}

  /** Something that writes a whole content to a stream. */
  interface Writer<T> {
    T writeTo(OutputStream out) throws IOException;
  }

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
   * Writes {@code content} to {@code file}: a regular file (new, or replaced only when
   * {@code replace}) whole or not at all; a character device or a FIFO straight; a block device only
   * when {@code replace}. Refuses directories, sockets, and paths inside a Stork data directory.
   */
  static <T> T write(Path file, boolean replace, Writer<T> content) {
    checkOutsideDataDirectory(file);
    try {
      if (Files.exists(file)) {
        if (Files.isDirectory(file)) {
          throw new StorkException(ErrorKind.INVALID, file + " is a directory");
        }
        if (!Files.isRegularFile(file)) {
          return writeStraight(file, replace, content);
        }
        if (!replace) {
          throw new StorkException(ErrorKind.ALREADY_EXISTS, "file " + file + " already exists");
        }
        return writeAtomically(file.toRealPath(), true, content); // through a symlink: the file it names
      }
      return writeAtomically(file.toAbsolutePath().normalize(), false, content);
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot write " + file + ": " + describe(e), e);
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

  private static <T> T writeStraight(Path file, boolean replace, Writer<T> content) throws IOException {
    int type = ((Integer) Files.getAttribute(file, "unix:mode")) & TYPE_MASK;
    if (type == SOCKET) {
      throw new StorkException(ErrorKind.INVALID, file + " is a socket, which cannot be written");
    }
    if (type == BLOCK_DEVICE && !replace) {
      throw new StorkException(ErrorKind.ALREADY_EXISTS, file + " is a block device: writing would overwrite what it holds");
    }
    if (type != FIFO && type != CHARACTER_DEVICE && type != BLOCK_DEVICE) {
      throw new StorkException(ErrorKind.INVALID, file + " is not a file, a device or a FIFO, and cannot be replaced safely");
    }
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
      return content.writeTo(out);
    }
  }

  /**
   * Writes into a temporary file beside {@code target}, which becomes {@code target} only once
   * {@code content} has written everything (and checked it), so that a failure leaves no partial
   * file. A new file gets the mode the umask gives; a replaced one keeps its mode.
   */
  private static <T> T writeAtomically(Path target, boolean replace, Writer<T> content) throws IOException {
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new StorkException(ErrorKind.NOT_FOUND, "directory " + dir + " does not exist");
    }
    String base = target.getFileName().toString();
    Path temp = dir.resolve("." + base.substring(0, Math.min(base.length(), 100)) + "." + UUID.randomUUID() + ".stork-partial");
    try {
      T result;
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        result = content.writeTo(out);
      }
      if (replace) {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.createLink(target, temp); // atomic, and never over a file that appeared meanwhile
        Files.delete(temp);
      }
      temp = null;
      return result;
    } catch (FileAlreadyExistsException e) {
      throw new StorkException(ErrorKind.ALREADY_EXISTS, "file " + target + " already exists");
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
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
