package io.stork.storagenode;

import java.io.IOException;

/** A chunk whose bytes do not match its checksum, on disk or as received. */
public final class ChunkCorruptedException extends IOException {
  public ChunkCorruptedException(String message) {
    super(message);
  }
}
