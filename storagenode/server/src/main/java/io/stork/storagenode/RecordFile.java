package io.stork.storagenode;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.Checksums;
import io.stork.protocol.NamespaceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The file of one namespace record, big-endian: {@code [magic "STR1"][int length][int crc32c][length
 * bytes of JSON]}. JSON, as the name node's journal, so an operator can read it with standard tools;
 * the magic names the format's version; the CRC32C covers the JSON, and the length must be the
 * rest of the file, so a flipped byte anywhere is found.
 */
final class RecordFile {
  static final int MAGIC = 0x53545231; // "STR1"
  static final int HEADER_BYTES = 12;
  static final String SUFFIX = ".rec";

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private RecordFile() {}

  /** A record file that cannot be trusted: why, in words. */
  static final class DamagedException extends IOException {
    DamagedException(String why) {
      super(why);
    }
  }

  /** The file name of {@code name}'s record: the hex SHA-256 of its UTF-8 (any name makes a safe, fixed-length file name). */
  static String fileNameOf(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest) + SUFFIX;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static byte[] encode(NamespaceRecord record) {
    try {
      byte[] json = JSON.writeValueAsBytes(record);
      return ByteBuffer.allocate(HEADER_BYTES + json.length)
          .putInt(MAGIC).putInt(json.length).putInt(Checksums.crc32c(json)).put(json).array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The record {@code file} holds; it must be whole, pass its checksum and be a {@linkplain #isValid valid} record. */
  static NamespaceRecord decode(byte[] file) throws DamagedException {
    ByteBuffer buffer = ByteBuffer.wrap(file);
    if (file.length < HEADER_BYTES || buffer.getInt() != MAGIC) {
      throw new DamagedException("not a record file of this version (no STR1 header)");
    }
    int length = buffer.getInt();
    int crc = buffer.getInt();
    if (length != file.length - HEADER_BYTES) {
      throw new DamagedException("its length field says " + length + " bytes, the file holds " + (file.length - HEADER_BYTES));
    }
    if (Checksums.crc32c(file, HEADER_BYTES, length) != crc) {
      throw new DamagedException("it fails its checksum");
    }
    NamespaceRecord record;
    try {
      record = JSON.readValue(file, HEADER_BYTES, length, NamespaceRecord.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new DamagedException("it passes its checksum but does not decode: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (!isValid(record)) {
      throw new DamagedException("it decodes to an incomplete record");
    }
    return record;
  }

  /** Whether a record is whole: a name, a version of 1 or more, and for a manifest its digest and chunk ids. */
  static boolean isValid(NamespaceRecord record) {
    if (record instanceof NamespaceRecord.Manifest manifest) {
      return manifest.artifact() != null && manifest.artifact().name() != null && manifest.artifact().sha256() != null
          && manifest.artifact().chunks().stream().allMatch(RecordFile::isValid) && isValidKey(record);
    }
    return record instanceof NamespaceRecord.Tombstone && record.name() != null && isValidKey(record);
  }

  private static boolean isValid(ChunkRef chunk) {
    return chunk.id() != null && chunk.size() >= 0 && chunk.size() <= ChunkRef.MAX_SIZE;
  }

  private static boolean isValidKey(NamespaceRecord record) {
    return !record.name().isEmpty() && record.version() >= 1;
  }
}
