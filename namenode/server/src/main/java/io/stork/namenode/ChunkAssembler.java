package io.stork.namenode;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream of frames of any sizes into chunks of exactly {@code chunkSize} bytes (the last one
 * shorter). Holds at most one partial chunk, as the pieces of frames it is made of: a chunk's array
 * is allocated once at its exact size when it is complete, so a 1 KiB artifact never costs a
 * chunk-sized buffer, and each byte is copied once.
 */
public final class ChunkAssembler {
  private final int chunkSize;
  private final List<Piece> pending = new ArrayList<>();
  private int filled;

  private record Piece(byte[] frame, int offset, int length) {}

  public ChunkAssembler(int chunkSize) {
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunk size must be positive");
    }
    this.chunkSize = chunkSize;
  }

  /** Adds a frame and returns the chunks it completed, in order. Frames must not change once added. */
  public List<byte[]> add(byte[] frame) {
    List<byte[]> complete = new ArrayList<>(1);
    int offset = 0;
    while (offset < frame.length) {
      int n = Math.min(chunkSize - filled, frame.length - offset);
      pending.add(new Piece(frame, offset, n));
      filled += n;
      offset += n;
      if (filled == chunkSize) {
        complete.add(take());
      }
    }
    return complete;
  }

  /** The last, partial chunk, or null when the content ended on a chunk boundary. */
  public byte[] finish() {
    return filled == 0 ? null : take();
  }

  /** The pending pieces as one chunk; a frame that is exactly one whole chunk is the chunk itself. */
  private byte[] take() {
    byte[] chunk;
    Piece first = pending.get(0);
    if (pending.size() == 1 && first.offset() == 0 && first.length() == first.frame().length) {
      chunk = first.frame();
    } else {
      chunk = new byte[filled];
      int at = 0;
      for (Piece piece : pending) {
        System.arraycopy(piece.frame(), piece.offset(), chunk, at, piece.length());
        at += piece.length();
      }
    }
    pending.clear();
    filled = 0;
    return chunk;
  }
}
