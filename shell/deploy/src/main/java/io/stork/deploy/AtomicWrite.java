package io.stork.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A small file written whole or not at all: a temporary file beside it, renamed over it. */
final class AtomicWrite {
  private AtomicWrite() {}

  static void write(Path target, String text) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
