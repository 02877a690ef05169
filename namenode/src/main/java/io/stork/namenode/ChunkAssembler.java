package io.stork.namenode;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream of frames of any sizes into chunks of exactly {@code chunkSize} bytes (the last one
 * shorter). Holds at most one partial chunk.
 */
public final class ChunkAssembler {
  private final int chunkSize;
  private byte[] buffer;
  private int filled;

  public ChunkAssembler(int chunkSize) {
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunk size must be positive");
    }
    this.chunkSize = chunkSize;
  }

  /** Adds a frame and returns the chunks it completed, in order. */
  public List<byte[]> add(byte[] frame) {
    List<byte[]> complete = new ArrayList<>();
    int offset = 0;
    while (offset < frame.length) {
      if (buffer == null) {
        buffer = new byte[chunkSize];
        filled = 0;
      }
      int n = Math.min(chunkSize - filled, frame.length - offset);
      System.arraycopy(frame, offset, buffer, filled, n);
      filled += n;
      offset += n;
      if (filled == chunkSize) {
        complete.add(buffer);
        buffer = null;
      }
    }
    return complete;
  }

  /** The last, partial chunk, or null when the content ended on a chunk boundary. */
  public byte[] finish() {
    if (buffer == null) {
      return null;
    }
    byte[] last = java.util.Arrays.copyOf(buffer, filled);
    buffer = null;
    return last;
  }
}
