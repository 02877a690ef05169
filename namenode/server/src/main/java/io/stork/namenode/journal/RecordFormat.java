package io.stork.namenode.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How a record is framed on disk, big-endian. {@link #LEGACY} is the journal of Stork before metadata
 * directories ({@code [int length][int crc32c of the body][body]}, in {@code <data-dir>/journal.log}),
 * still read to migrate it. {@link #SEQUENCED} adds a magic, so that a reader can find the next record
 * after a damaged one, and a sequence number, so that a record out of its place is noticed:
 * {@code [int magic][long sequence][int length][int crc32c of sequence, length and body][body]}.
 */
public enum RecordFormat {
  LEGACY(8),
  SEQUENCED(20);

  static final int MAGIC = 0x53544b32; // "STK2"
  static final int MAX_BODY_BYTES = 64 << 20;
  /** The shortest body written ({@code {}}); a shorter one is zeros or damage, never a record. */
  static final int MIN_BODY_BYTES = 2;

  /** What a read at one offset found. */
  public enum Kind { OK, BAD_HEADER, SHORT, BAD_CRC }

  /** One framed record (or why there is none) at an offset; {@code sequence} is 0 in {@link #LEGACY}. */
  public record Frame(Kind kind, long sequence, int bodyOffset, int bodyLength) {
    int end() {
      return bodyOffset + bodyLength;
    }
  }

  final int headerBytes;

  RecordFormat(int headerBytes) {
    this.headerBytes = headerBytes;
  }

  public byte[] frame(long sequence, byte[] body) {
    ByteBuffer out = ByteBuffer.allocate(headerBytes + body.length);
    if (this == LEGACY) {
      return out.putInt(body.length).putInt(crc(body, 0, body.length)).put(body).array();
    }
    out.putInt(MAGIC).putLong(sequence).putInt(body.length);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 4, 12);
    crc.update(body);
    return out.putInt((int) crc.getValue()).put(body).array();
  }

  /** Reads the record at {@code offset} of {@code data} (which ends at its length). */
  public Frame read(byte[] data, int offset) {
    int remaining = data.length - offset;
    if (remaining < headerBytes) {
      return new Frame(Kind.SHORT, 0, offset, 0);
    }
    ByteBuffer header = ByteBuffer.wrap(data, offset, headerBytes);
    if (this == SEQUENCED && header.getInt() != MAGIC) {
      return new Frame(Kind.BAD_HEADER, 0, offset, 0);
    }
    long sequence = this == SEQUENCED ? header.getLong() : 0;
    int length = header.getInt();
    int bodyOffset = offset + headerBytes;
    if (length < MIN_BODY_BYTES || length > MAX_BODY_BYTES) {
      return new Frame(Kind.BAD_HEADER, sequence, bodyOffset, 0);
    }
    if (length > remaining - headerBytes) {
      return new Frame(Kind.SHORT, sequence, bodyOffset, length);
    }
    boolean intact = checksum(data, offset, length) == header.getInt();
    return new Frame(intact ? Kind.OK : Kind.BAD_CRC, sequence, bodyOffset, length);
  }

  /**
   * Whether the record at {@code offset} would pass its checksum with a body of {@code length} bytes
   * instead of the length its header says: then the record is whole and only its length is damaged.
   */
  public boolean passesWithLength(byte[] data, int offset, int length) {
    if (length < MIN_BODY_BYTES || data.length - offset - headerBytes < length) {
      return false;
    }
    return checksum(data, offset, length) == ByteBuffer.wrap(data, offset + headerBytes - 4, 4).getInt();
  }

  private int checksum(byte[] data, int offset, int length) {
    int bodyOffset = offset + headerBytes;
    if (this == LEGACY) {
      return crc(data, bodyOffset, length);
    }
    CRC32C crc = new CRC32C();
    crc.update(data, offset + 4, 8);
    crc.update(ByteBuffer.allocate(4).putInt(length).array());
    crc.update(data, bodyOffset, length);
    return (int) crc.getValue();
  }

  private static int crc(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    return (int) crc.getValue();
  }
}
