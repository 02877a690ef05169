package io.stork.storagenode;

import java.io.IOException;

/**
 * A damaged replica: a chunk whose bytes do not match its checksum (on disk or as received), whose
 * header is damaged, or whose file names another chunk.
 */
public final class ChunkCorruptedException extends IOException {
  public ChunkCorruptedException(String message) {
    super(message);
  }
}
