package io.stork.client;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Where a download is written, decided before anything is asked of the cluster. What a path is
 * decides how (a symbolic link is followed: what it names decides):
 * <ul>
 *   <li>a regular file, new or (only when replacing) existing: the content goes to a temporary file
 *       beside it, which becomes the file only once the content is whole and has passed its SHA-256
 *       check; a failure leaves the old file, or none;
 *   <li>a character device or a FIFO (a block device only when replacing): written straight into,
 *       opened for writing without create or truncate, as a rename would put a regular file in
 *       place of the device node. Opening a FIFO waits until a reader opens its other end. Bytes
 *       written there cannot be taken back: a failure after the first one (a SHA-256 mismatch, nodes
 *       lost midway) keeps its kind and says how many bytes were already written;
 *   <li>anything else is refused with one line: a directory, a socket, a symbolic link to nothing, a
 *       missing or unwritable parent directory, a path inside a Stork data directory.
 * </ul>
 */
final class DownloadTarget {
  // The file types of st_mode (POSIX), for what Java's BasicFileAttributes calls "other".
  private static final int TYPE_MASK = 0170000;
  private static final int FIFO = 0010000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final int BLOCK_DEVICE = 0060000;
  private static final int SOCKET = 0140000;

  /** Something that writes a whole content to a stream, and checks it. */
  interface Writer<T> {
    T writeTo(OutputStream out) throws IOException;
  }

  private enum Kind { NEW, REPLACE, STRAIGHT }

  private final Path shown;
  private final Path path;
  private final Kind kind;

  private DownloadTarget(Path shown, Path path, Kind kind) {
    this.shown = shown;
    this.path = path;
    this.kind = kind;
  }

  /** Checks {@code file} as a place for a download; an existing regular file is replaced only when {@code replace}. */
  static DownloadTarget of(Path file, boolean replace) {
    LocalFiles.checkOutsideDataDirectory(file);
    try {
      if (!Files.exists(file)) {
        if (Files.isSymbolicLink(file)) {
          throw new StorkException(ErrorKind.INVALID, file + " is a symbolic link to " + Files.readSymbolicLink(file)
              + ", which does not exist");
        }
        Path absolute = file.toAbsolutePath();
        return new DownloadTarget(file, writableDirectory(absolute.getParent()).resolve(absolute.getFileName()), Kind.NEW);
      }
      if (Files.isDirectory(file)) {
        throw new StorkException(ErrorKind.INVALID, file + " is a directory");
      }
      if (Files.isRegularFile(file)) {
        if (!replace) {
          throw new StorkException(ErrorKind.ALREADY_EXISTS, "file " + file + " already exists");
        }
        Path real = file.toRealPath(); // through a symlink: the file it names
        writableDirectory(real.getParent());
        return new DownloadTarget(file, real, Kind.REPLACE);
      }
      checkStraight(file, replace);
      return new DownloadTarget(file, file, Kind.STRAIGHT);
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot write " + file + ": " + LocalFiles.describe(e), e);
    }
  }

  /** Writes what {@code content} writes, as this target's kind says (see the class comment). */
  <T> T write(Writer<T> content) {
    try {
      return kind == Kind.STRAIGHT ? writeStraight(content) : writeAtomically(content);
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot write " + shown + ": " + LocalFiles.describe(e), e);
    }
  }

  /** The real path of {@code dir}, which must be a directory this process may create files in. */
  private static Path writableDirectory(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      throw new StorkException(ErrorKind.NOT_FOUND, "directory " + dir + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new StorkException(ErrorKind.INVALID, dir + " is not a directory");
    }
    if (!Files.isWritable(dir)) {
      throw new StorkException(ErrorKind.IO, "directory " + dir + " is not writable (permission denied)");
    }
    return dir.toRealPath();
  }

  private static void checkStraight(Path file, boolean replace) throws IOException {
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
    if (!Files.isWritable(file)) {
      throw new StorkException(ErrorKind.IO, "cannot write " + file + ": permission denied");
    }
  }

  private <T> T writeStraight(Writer<T> content) throws IOException {
    // WRITE alone: no CREATE (the device is there), no TRUNCATE_EXISTING (meaningless on a device or FIFO)
    try (Counting out = new Counting(Files.newOutputStream(path, StandardOpenOption.WRITE))) {
      try {
        return content.writeTo(out);
      } catch (StorkException e) {
        throw out.count == 0 ? e : new StorkException(e.kind(), e.getMessage() + "; " + out.count
            + " bytes were already written to " + shown + ", which cannot be rolled back: discard them", e);
      } catch (IOException e) {
        if (out.count == 0) {
          throw e;
        }
        throw new StorkException(ErrorKind.IO, "cannot write " + shown + " after " + out.count + " bytes: " + LocalFiles.describe(e), e);
      }
    }
  }

  /**
   * Writes into a temporary file beside the target, which becomes the target only once
   * {@code content} has written everything (and checked it). A new file gets the mode the umask
   * gives; a replaced one keeps its mode.
   */
  private <T> T writeAtomically(Writer<T> content) throws IOException {
    Path dir = path.getParent();
    String base = path.getFileName().toString();
    Path temp = dir.resolve("." + base.substring(0, Math.min(base.length(), 100)) + "." + UUID.randomUUID() + ".stork-partial");
    try {
      T result;
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        result = content.writeTo(out);
      }
      if (kind == Kind.REPLACE) {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(path));
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.createLink(path, temp); // atomic, and never over a file that appeared meanwhile
        Files.delete(temp);
      }
      temp = null;
      return result;
    } catch (FileAlreadyExistsException e) {
      throw new StorkException(ErrorKind.ALREADY_EXISTS, "file " + shown + " already exists");
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Counts what reaches a device or a FIFO, to say how much a failure left there. */
  private static final class Counting extends OutputStream {
    private final OutputStream out;
    private long count;

    Counting(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      count += length;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
