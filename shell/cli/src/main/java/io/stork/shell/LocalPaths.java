package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Local file paths as the user types them: {@code ~/x} is in the home directory. */
final class LocalPaths {
  private LocalPaths() {}

  static Path resolve(String typed) {
    String expanded = typed.equals("~") || typed.startsWith("~/") ? System.getProperty("user.home") + typed.substring(1) : typed;
    if (expanded.isEmpty()) {
      throw new CommandException("empty file path");
    }
    try {
      return Path.of(expanded);
    } catch (InvalidPathException e) {
      throw new CommandException("invalid file path '" + printable(typed) + "'");
    }
  }

  /** Whether {@code typed} names an existing regular file (content typed on the line may be a path by mistake). */
  static boolean isExistingFile(String typed) {
    try {
      return !typed.isEmpty() && Files.isRegularFile(Path.of(typed));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * A file that can be read to its end: not missing, not a directory, and not a device or a pipe
   * ({@code /dev/zero} would never end, a FIFO could block the shell forever).
   */
  static Path readableFile(String typed) {
    Path path = resolve(typed);
    String shown = printable(typed);
    if (Files.isDirectory(path)) {
      throw new CommandException(shown + " is a directory, not a file");
    }
    if (!Files.exists(path)) {
      throw new CommandException(io.stork.protocol.ErrorKind.NOT_FOUND, "file " + shown + " does not exist");
    }
    if (!Files.isRegularFile(path)) {
      throw new CommandException(shown + " is not a regular file");
    }
    if (!Files.isReadable(path)) {
      throw new CommandException(io.stork.protocol.ErrorKind.IO, "file " + shown + " is not readable");
    }
    return path;
  }
}
