package io.stork.client;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The client's dealings with local files: what may be uploaded, and writing a download safely. */
final class LocalFiles {
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
   * Writes into a temporary file beside {@code file}, renamed over it only once {@code content} has
   * written everything (and checked it), so that a failure leaves no partial file.
   */
  static <T> T writeAtomically(Path file, Writer<T> content) {
    Path target = file.toAbsolutePath().normalize();
    if (Files.isDirectory(target)) {
      throw new StorkException(ErrorKind.INVALID, file + " is a directory");
    }
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new StorkException(ErrorKind.NOT_FOUND, "directory " + dir + " does not exist");
    }
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".stork-partial");
      T result;
      try (OutputStream out = Files.newOutputStream(temp)) {
        result = content.writeTo(out);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
      return result;
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot write " + file + ": " + describe(e), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the partial file is hidden and named as such
        }
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
