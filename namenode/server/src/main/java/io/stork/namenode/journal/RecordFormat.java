package io.stork.namenode.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How a record is framed on disk, big-endian. {@link #LEGACY} is the journal of Stork before metadata
 * directories ({@code [int length][int crc32c of the body][body]}, in {@code <data-dir>/journal.log}),
 * still read to migrate it. {@link #SEQUENCED} adds a magic, so that a reader can find the next record
 * after a damaged one; a sequence number, so that a record out of its place is noticed; and a checksum
 * of the header alone, so that a damaged length is never taken for a record cut short by a crash:
 * {@code [int magic][long sequence][int length][int crc32c of magic, sequence, length][int crc32c of the body][body]}.
 */
public enum RecordFormat {
  LEGACY(8),
  SEQUENCED(24);

  static final int MAGIC = 0x53544b32; // "STK2"
  static final int MAX_BODY_BYTES = 64 << 20;
  /** The shortest body written ({@code {}}); a shorter one is zeros or damage, never a record. */
  static final int MIN_BODY_BYTES = 2;

  /** What a read at one offset found. */
  public enum Kind { OK, NO_MARK, BAD_HEADER, BAD_LENGTH, SHORT, BAD_CRC }

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
    return out.putInt(crc(out.array(), 0, 16)).putInt(crc(body, 0, body.length)).put(body).array();
  }

  /** Reads the record at {@code offset} of {@code data} (which ends at its length). */
  public Frame read(byte[] data, int offset) {
    int remaining = data.length - offset;
    if (remaining < headerBytes) {
      return new Frame(Kind.SHORT, 0, offset, 0);
    }
    ByteBuffer header = ByteBuffer.wrap(data, offset, headerBytes);
    if (this == SEQUENCED && header.getInt() != MAGIC) {
      return new Frame(Kind.NO_MARK, 0, offset, 0);
    }
    long sequence = this == SEQUENCED ? header.getLong() : 0;
    int length = header.getInt();
    int bodyOffset = offset + headerBytes;
    if (this == SEQUENCED && header.getInt() != crc(data, offset, 16)) {
      return new Frame(Kind.BAD_HEADER, sequence, bodyOffset, 0);
    }
    if (length < MIN_BODY_BYTES || length > MAX_BODY_BYTES) {
      return new Frame(Kind.BAD_LENGTH, sequence, bodyOffset, 0);
    }
    if (length > remaining - headerBytes) {
      return new Frame(Kind.SHORT, sequence, bodyOffset, length);
    }
    boolean intact = crc(data, bodyOffset, length) == header.getInt();
    return new Frame(intact ? Kind.OK : Kind.BAD_CRC, sequence, bodyOffset, length);
  }

  /**
   * Whether the record at {@code offset} would pass its checksum with a body of {@code length} bytes
   * instead of the length its header says: then the record is whole and only its length is damaged.
   * Only {@link #LEGACY} needs this; {@link #SEQUENCED} checks its header by itself.
   */
  public boolean passesWithLength(byte[] data, int offset, int length) {
    if (this != LEGACY || length < MIN_BODY_BYTES || data.length - offset - headerBytes < length) {
      return false;
    }
    return crc(data, offset + headerBytes, length) == ByteBuffer.wrap(data, offset + 4, 4).getInt();
  }

  private static int crc(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    return (int) crc.getValue();
  }
}
