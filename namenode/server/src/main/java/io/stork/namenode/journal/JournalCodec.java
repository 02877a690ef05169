package io.stork.namenode.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stork.protocol.ArtifactVersion;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bodies of metadata records: JSON, so that an operator can read a journal or a checkpoint with
 * standard tools. Framing (lengths, checksums, sequences) is {@link RecordFormat}'s.
 */
public final class JournalCodec {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private JournalCodec() {}

  /** The first record of a checkpoint: the last journal sequence it covers, and how many versions follow. */
  public record CheckpointHeader(long covers, long entries) {}

  /** A record that passes its checks yet cannot be read (written by another version of Stork, or edited). */
  public static final class UnreadableRecordException extends IOException {
    UnreadableRecordException(String why) {
      super(why);
    }
  }

  public static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One journal record in today's format. */
  public static byte[] encode(long sequence, JournalEntry entry) {
    return RecordFormat.SEQUENCED.frame(sequence, json(entry));
  }

  /** One record of the journal before metadata directories ({@code journal.log}): what existing data dirs hold. */
  public static byte[] encodeLegacy(JournalEntry entry) {
    return RecordFormat.LEGACY.frame(0, json(entry));
  }

  public static JournalEntry entry(byte[] body) throws UnreadableRecordException {
    return read(body, JournalEntry.class);
  }

  public static ArtifactVersion version(byte[] body) throws UnreadableRecordException {
    return read(body, ArtifactVersion.class);
  }

  public static CheckpointHeader checkpointHeader(byte[] body) throws UnreadableRecordException {
    return read(body, CheckpointHeader.class);
  }

  private static <T> T read(byte[] body, Class<T> type) throws UnreadableRecordException {
    try {
      T value = JSON.readValue(body, type);
      if (value == null) {
        throw new UnreadableRecordException("it passes its checksum but holds null");
      }
      return value;
    } catch (IOException | IllegalArgumentException e) {
      throw new UnreadableRecordException("it passes its checksum but cannot be read (written by another version of Stork, "
          + "or edited?): " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }
}
