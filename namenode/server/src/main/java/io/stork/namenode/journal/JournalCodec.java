package io.stork.namenode.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stork.protocol.Checksums;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's record format: {@code [int length][int crc32c][length bytes of JSON]}, big-endian.
 * JSON so that an operator can read a journal with standard tools; the checksum so that a record
 * torn by a crash is recognised and dropped instead of replayed.
 */
public final class JournalCodec {
  static final int HEADER_BYTES = 8;
  static final int MAX_RECORD_BYTES = 64 << 20;
  /**
   * The shortest record {@link #encode} writes ({@code {}}). A shorter one is a torn tail: a tail of
   * zeros, which crashes leave on many file systems, reads as length 0 with the CRC32C of nothing (0).
   */
  static final int MIN_RECORD_BYTES = 2;

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private JournalCodec() {}

  public static byte[] encode(JournalEntry entry) {
    try {
      byte[] json = JSON.writeValueAsBytes(entry);
      return ByteBuffer.allocate(HEADER_BYTES + json.length)
          .putInt(json.length).putInt(Checksums.crc32c(json)).put(json).array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a replay found: the entries, and how many bytes of the input they span. */
  public record Decoded(List<JournalEntry> entries, long validBytes) {}

  /**
   * A record passes its checksum, so it was written whole, yet cannot be read (an entry this
   * version does not know, a hand edit): cutting it off as a torn tail would lose it and every
   * record after it, so the journal is left alone and the name node does not start.
   */
  public static final class UnreadableRecordException extends IOException {
    UnreadableRecordException(long offset, String why) {
      super("journal record at byte " + offset + " passes its checksum but cannot be read (written by another version"
          + " of Stork, or edited?); the journal is left as it is: " + why);
    }
  }

  /**
   * Decodes records until the input ends or a record is torn or damaged; everything after the last
   * good record is to be discarded (it was never acknowledged, since acks follow the fsync).
   *
   * @throws UnreadableRecordException when an intact record does not decode
   */
  public static Decoded decode(ByteBuffer input) throws UnreadableRecordException {
    List<JournalEntry> entries = new ArrayList<>();
    long valid = 0;
    while (input.remaining() >= HEADER_BYTES) {
      int length = input.getInt();
      int crc = input.getInt();
      if (length < MIN_RECORD_BYTES || length > MAX_RECORD_BYTES || length > input.remaining()) {
        break;
      }
      byte[] json = new byte[length];
      input.get(json);
      if (Checksums.crc32c(json) != crc) {
        break;
      }
      try {
        entries.add(JSON.readValue(json, JournalEntry.class));
      } catch (IOException | IllegalArgumentException e) {
        throw new UnreadableRecordException(valid, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      }
      valid += HEADER_BYTES + length;
    }
    return new Decoded(entries, valid);
  }
}
