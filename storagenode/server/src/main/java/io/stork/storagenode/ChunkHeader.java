package io.stork.storagenode;

import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The header at the start of every chunk file, big-endian.
 *
 * <ul>
 *   <li>{@code STK2} (written now), 36 bytes: magic {@code "STK2"}, the chunk id (16 bytes, its high
 *       then its low 64 bits), the CRC32C of the data, the data length (8 bytes), and the CRC32C of
 *       those 32 bytes. The file names its own chunk, so a file of another chunk put in its place is
 *       a damaged replica; the header's own checksum catches a flipped byte in the id or the length.
 *   <li>{@code STK1} (read only, written before), 16 bytes: magic {@code "STK1"}, CRC32C of the
 *       data, data length. It does not name its chunk: a self-consistent STK1 file of another chunk
 *       under this name cannot be told from the right one, until it is rewritten as STK2 (a repair
 *       copy or a store of the chunk again).
 * </ul>
 */
final class ChunkHeader {
  static final int STK1 = 0x53544b31;
  static final int STK2 = 0x53544b32;
  static final int STK1_BYTES = 16;
  static final int STK2_BYTES = 36;

  /** A header that passed its checks: how long it is, the chunk it names (null for STK1), the data's CRC32C and length. */
  record Parsed(int headerBytes, ChunkId chunkId, int crc32c, long length) {}

  private ChunkHeader() {}

  /** The STK2 header of {@code chunkId} holding {@code length} bytes of data with CRC32C {@code crc32c}, ready to write. */
  static ByteBuffer encode(ChunkId chunkId, int crc32c, long length) {
    ByteBuffer header = ByteBuffer.allocate(STK2_BYTES)
        .putInt(STK2).putLong(chunkId.high()).putLong(chunkId.low()).putInt(crc32c).putLong(length);
    header.putInt(Checksums.crc32c(header.array(), 0, STK2_BYTES - 4));
    return header.flip();
  }

  /** How long the header of a file starting with {@code magic} is (an unknown magic: the current format's). */
  static int bytesFor(int magic) {
    return magic == STK1 ? STK1_BYTES : STK2_BYTES;
  }

  /**
   * Reads the header from the start of {@code channel} (left just after it) and checks it: its
   * magic, its own checksum, and that it names {@code expected}.
   *
   * @throws ChunkCorruptedException for a header that is short, unknown, damaged, or names another chunk
   */
  static Parsed read(ChunkId expected, FileChannel channel) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(STK2_BYTES);
    int read = readFully(channel, header.limit(4));
    int magic = read < 4 ? 0 : header.getInt(0);
    if (magic != STK1 && magic != STK2) {
      throw new ChunkCorruptedException("chunk " + expected + " has a damaged header");
    }
    int bytes = bytesFor(magic);
    if (read + readFully(channel, header.limit(bytes)) < bytes) {
      throw new ChunkCorruptedException("chunk " + expected + " has a damaged header (truncated)");
    }
    header.flip().position(4);
    if (magic == STK1) {
      return new Parsed(bytes, null, header.getInt(), header.getLong());
    }
    ChunkId named = new ChunkId(header.getLong(), header.getLong());
    int crc32c = header.getInt();
    long length = header.getLong();
    if (header.getInt() != Checksums.crc32c(header.array(), 0, STK2_BYTES - 4)) {
      throw new ChunkCorruptedException("chunk " + expected + " has a damaged header (it fails its checksum)");
    }
    if (!named.equals(expected)) {
      throw new ChunkCorruptedException("chunk " + expected + "'s file holds chunk " + named
          + " (another chunk's file put in its place)");
    }
    return new Parsed(bytes, named, crc32c, length);
  }

  /** Reads until {@code buffer} is full or the file ends; returns the bytes read. */
  static int readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer);
      if (read < 0) {
        break;
      }
      total += read;
    }
    return total;
  }
}
