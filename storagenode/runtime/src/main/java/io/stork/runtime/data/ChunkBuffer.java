package io.stork.runtime.data;

/**
 * One chunk's bytes in an array kept for reuse: a data connection reads chunk after chunk into the
 * same one, instead of a new array per chunk (which the JVM zeroes first). It grows to the largest
 * chunk it has held. Not thread-safe: it belongs to one connection, or to one read.
 */
public final class ChunkBuffer {
  private byte[] array = new byte[0];
  private int length;

  /**
   * An array of at least {@code length} bytes to fill, whose first {@code length} bytes are the
   * chunk from now on; a new buffer's first fill allocates exactly {@code length}.
   */
  public byte[] fill(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("a chunk of " + length + " bytes");
    }
    if (array.length < length) {
      array = new byte[length];
    }
    this.length = length;
    return array;
  }

  /** The array; only its first {@link #length()} bytes are the chunk. */
  public byte[] array() {
    return array;
  }

  public int length() {
    return length;
  }
}
