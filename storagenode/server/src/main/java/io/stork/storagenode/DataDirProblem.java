package io.stork.storagenode;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Why a storage node cannot use its data directory, in one line an operator acts on (not the JDK's "Not a directory" on some path). */
final class DataDirProblem {
  private DataDirProblem() {}

  /** {@code failure}, met opening the store in {@code dataDir}, said plainly; the original is its cause. */
  static IOException explain(Path dataDir, IOException failure) {
    Path chunks = dataDir.resolve("chunks");
    String why;
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      why = dataDir + " is not a directory (a file is in the way)";
    } else if (Files.exists(chunks, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(chunks)) {
      why = chunks + " is not a directory (a file is in the way)";
    } else if (failure instanceof AccessDeniedException denied) {
      why = "permission denied on " + denied.getFile();
    } else if (failure instanceof FileSystemException fs && fs.getReason() != null) {
      why = fs.getFile() + ": " + fs.getReason();
    } else {
      why = "cannot use " + dataDir + ": " + failure.getMessage();
    }
    return new IOException(why, failure);
  }
}
