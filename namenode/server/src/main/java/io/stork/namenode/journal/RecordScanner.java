package io.stork.namenode.journal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the records of one file and tells a torn tail from damage. Acknowledgements follow the
 * fsync, so only the last record can have been cut by a crash: it is torn when the file ends inside
 * its header, or inside the body its intact header announces, or when everything from it on is zeros
 * (what many file systems leave). A bad
 * record followed by any record that still passes its checks, a whole record whose checksum fails,
 * or a record out of sequence, is damage: the caller refuses it rather than losing what follows.
 */
public final class RecordScanner {
  private RecordScanner() {}

  /** A record that passed its checks: its sequence, its body, and the byte it ends at. */
  public record Record(long sequence, byte[] body, int end) {}

  /** The first bad record: where it starts, its number in the file (from 1), and what is wrong with it. */
  public record Damage(long offset, long recordNumber, String why) {}

  /**
   * What a scan found: the good records before any damage or torn tail, the bytes they span, the
   * bytes of a torn tail, the damage if any, and the highest sequence any intact record of the file
   * holds (also after the damage: evidence of how far the journal had reached).
   */
  public record Scan(List<Record> records, int validBytes, int tornBytes, Optional<Damage> damage, long highestSequence) {
    public boolean clean() {
      return damage.isEmpty() && tornBytes == 0;
    }
  }

  /** Scans {@code data}; in {@link RecordFormat#SEQUENCED}, the records must count up from {@code firstSequence}. */
  public static Scan scan(byte[] data, RecordFormat format, long firstSequence) {
    List<Record> records = new ArrayList<>();
    int offset = 0;
    long expected = firstSequence;
    while (offset < data.length) {
      RecordFormat.Frame frame = format.read(data, offset);
      if (frame.kind() == RecordFormat.Kind.OK && (format == RecordFormat.LEGACY || frame.sequence() == expected)) {
        records.add(new Record(frame.sequence(), Arrays.copyOfRange(data, frame.bodyOffset(), frame.end()), frame.end()));
        offset = frame.end();
        expected++;
        continue;
      }
      long before = expected - 1;
      if (allZeros(data, offset)) {
        return new Scan(records, offset, data.length - offset, Optional.empty(), before);
      }
      int later = nextIntactRecord(data, format, offset + 1);
      long misplaced = frame.kind() == RecordFormat.Kind.OK ? frame.sequence() : -1;
      long highest = Math.max(Math.max(before, misplaced), highestSequence(data, format, later));
      String why = why(data, format, frame, expected, later, offset);
      if (why == null) {
        return new Scan(records, offset, data.length - offset, Optional.empty(), highest);
      }
      return new Scan(records, offset, 0, Optional.of(new Damage(offset, records.size() + 1L, why)), highest);
    }
    return new Scan(records, offset, 0, Optional.empty(), expected - 1);
  }

  /** What is wrong with the record at {@code offset}; null when it is a torn tail. */
  private static String why(byte[] data, RecordFormat format, RecordFormat.Frame frame, long expected, int later, int offset) {
    String followed = later < 0 ? "" : "; an intact record follows at byte " + later;
    return switch (frame.kind()) {
      case OK -> "it holds sequence " + frame.sequence() + " where " + expected + " was due (a record out of its place)";
      case BAD_CRC -> "its checksum does not match (a whole record, so it was written and acknowledged)" + followed;
      case NO_MARK -> "its header is damaged (no record mark)" + followed;
      case BAD_HEADER -> "its header is damaged (its checksum does not match)" + followed;
      case BAD_LENGTH -> "its header is damaged (length out of range)" + followed;
      case SHORT -> {
        if (later >= 0) {
          yield "its length runs past the end of the file" + followed;
        }
        int rest = data.length - offset - format.headerBytes;
        yield rest > 0 && format.passesWithLength(data, offset, rest)
            ? "its length field is damaged (the record is whole: its checksum matches the bytes to the end of the file)" : null;
      }
    };
  }

  private static boolean hasMagic(byte[] data, int offset) {
    return ByteBuffer.wrap(data, offset, 4).getInt() == RecordFormat.MAGIC;
  }

  /** The offset of the first record from {@code from} on that passes its checks, or -1: resynchronising after damage. */
  static int nextIntactRecord(byte[] data, RecordFormat format, int from) {
    for (int offset = from; offset + format.headerBytes + RecordFormat.MIN_BODY_BYTES <= data.length; offset++) {
      if (format == RecordFormat.SEQUENCED && !hasMagic(data, offset)) {
        continue;
      }
      if (format.read(data, offset).kind() == RecordFormat.Kind.OK) {
        return offset;
      }
    }
    return -1;
  }

  /** The highest sequence among the intact records from {@code from} on (-1 when there are none). */
  private static long highestSequence(byte[] data, RecordFormat format, int from) {
    long highest = -1;
    for (int offset = from; offset >= 0; ) {
      RecordFormat.Frame frame = format.read(data, offset);
      highest = Math.max(highest, frame.sequence());
      offset = nextIntactRecord(data, format, frame.end());
    }
    return highest;
  }

  private static boolean allZeros(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
