package io.stork.namenode.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  private static ArtifactVersion version(String name, long number) {
    return new ArtifactVersion(name, number, 5, "ab".repeat(32),
        List.of(new ChunkRef(ChunkId.parse("0123456789abcdef0123456789abcdef"), 5, 77)), 1234L, List.of("ssd"));
  }

  @Test
  void encodesAndDecodesEveryKindOfEntry() throws IOException {
    List<JournalEntry> entries = List.of(new JournalEntry.Committed(version("日本/x", 1)), new JournalEntry.Deleted("日本/x", 1));
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    entries.forEach(e -> buffer.put(JournalCodec.encode(e)));
    buffer.flip();
    JournalCodec.Decoded decoded = JournalCodec.decode(buffer);
    assertEquals(entries, decoded.entries());
    assertEquals(buffer.limit(), decoded.validBytes());
  }

  /** Records as journals on disk hold them (chunk ids as text): they load, and are written byte for byte the same. */
  @Test
  void readsAndWritesTheRecordsOfExistingJournals() throws IOException {
    String commit = """
        {"op":"commit","version":{"name":"日本/x","version":1,"size":5,"sha256":"abababababababababababababababababababababababababababababababab",\
        "chunks":[{"id":"0123456789abcdef0123456789abcdef","size":5,"crc32c":77}],"committedAtMillis":1234,"requiredCapabilities":["ssd"]}}""";
    String delete = """
        {"op":"delete","name":"日本/x","version":1}""";
    List<JournalEntry> entries = List.of(new JournalEntry.Committed(version("日本/x", 1)), new JournalEntry.Deleted("日本/x", 1));
    List<byte[]> records = List.of(record(commit), record(delete));
    ByteBuffer journal = ByteBuffer.allocate(records.stream().mapToInt(r -> r.length).sum());
    records.forEach(journal::put);
    assertEquals(entries, JournalCodec.decode(journal.flip()).entries());
    for (int i = 0; i < entries.size(); i++) {
      assertArrayEquals(records.get(i), JournalCodec.encode(entries.get(i)), entries.get(i).toString());
    }
  }

  /** A crash may leave zeros after the last record (they read as an empty record with a valid checksum): a torn tail. */
  @Test
  void aTailOfZerosIsCutOffAsTorn(@TempDir Path dir) throws IOException {
    for (int zeros : new int[] {1, 8, 4096}) {
      Path path = dir.resolve("journal-" + zeros + ".log");
      byte[] good = JournalCodec.encode(new JournalEntry.Deleted("a", 1));
      Files.write(path, ByteBuffer.allocate(good.length + zeros).put(good).array());
      JournalFile.Opened opened = JournalFile.open(path);
      opened.journal().close();
      assertEquals(List.of(new JournalEntry.Deleted("a", 1)), opened.entries());
      assertEquals(zeros, opened.discardedBytes());
      assertEquals(good.length, Files.size(path));
    }
  }

  /** An intact record that does not decode is not a torn tail: nothing is cut off, and the journal does not open. */
  @Test
  void anIntactButUnreadableRecordStopsTheReplayAndIsKept(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("journal.log");
    byte[] good = JournalCodec.encode(new JournalEntry.Deleted("a", 1));
    byte[] unknown = record("{\"op\":\"rename\",\"from\":\"a\",\"to\":\"b\"}");
    byte[] after = JournalCodec.encode(new JournalEntry.Deleted("b", 2));
    byte[] content = ByteBuffer.allocate(good.length + unknown.length + after.length).put(good).put(unknown).put(after).array();
    Files.write(path, content);
    IOException refused = assertThrows(JournalCodec.UnreadableRecordException.class, () -> JournalFile.open(path));
    assertTrue(refused.getMessage().startsWith("journal record at byte " + good.length + " passes its checksum"), refused.getMessage());
    assertArrayEquals(content, Files.readAllBytes(path));
  }

  private static byte[] record(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + bytes.length).putInt(bytes.length).putInt(Checksums.crc32c(bytes)).put(bytes).array();
  }

  @Test
  void replaysWhatWasAppendedAfterAReopen() throws IOException {
    Path path = dir.resolve("journal.log");
    try (JournalFile journal = JournalFile.open(path).journal()) {
      journal.append(List.of(new JournalEntry.Committed(version("a", 1))));
      journal.append(List.of(new JournalEntry.Committed(version("b", 1)), new JournalEntry.Deleted("a", 1)));
    }
    JournalFile.Opened opened = JournalFile.open(path);
    opened.journal().close();
    assertEquals(3, opened.entries().size());
    assertEquals(0, opened.discardedBytes());
  }

  @Test
  void cutsOffATornTailAndKeepsAppendingAfterTheLastGoodRecord() throws IOException {
    Path path = dir.resolve("journal.log");
    try (JournalFile journal = JournalFile.open(path).journal()) {
      journal.append(List.of(new JournalEntry.Committed(version("a", 1)), new JournalEntry.Committed(version("b", 1))));
    }
    long size = Files.size(path);
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      file.setLength(size - 7); // a crash in the middle of the second record
    }
    JournalFile.Opened opened = JournalFile.open(path);
    assertEquals(List.of(new JournalEntry.Committed(version("a", 1))), opened.entries());
    assertTrue(opened.discardedBytes() > 0);
    opened.journal().append(List.of(new JournalEntry.Committed(version("c", 1))));
    opened.journal().close();

    JournalFile.Opened again = JournalFile.open(path);
    again.journal().close();
    assertEquals(List.of("a", "c"), again.entries().stream().map(JournalEntry::name).toList());
  }

  @Test
  void stopsAtADamagedRecord() throws IOException {
    Path path = dir.resolve("journal.log");
    try (JournalFile journal = JournalFile.open(path).journal()) {
      journal.append(List.of(new JournalEntry.Committed(version("a", 1)), new JournalEntry.Committed(version("b", 1))));
    }
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      file.seek(file.length() - 3);
      file.write('#');
    }
    JournalFile.Opened opened = JournalFile.open(path);
    opened.journal().close();
    assertEquals(List.of("a"), opened.entries().stream().map(JournalEntry::name).toList());
  }

  @Test
  void compactionKeepsOnlyTheLiveVersions() throws IOException {
    Path path = dir.resolve("journal.log");
    JournalFile journal = JournalFile.open(path).journal();
    for (int i = 1; i <= 50; i++) {
      journal.append(List.of(new JournalEntry.Committed(version("a", i))));
    }
    journal.rewrite(List.of(version("a", 50)));
    journal.append(List.of(new JournalEntry.Committed(version("b", 1))));
    journal.close();
    JournalFile.Opened opened = JournalFile.open(path);
    opened.journal().close();
    assertEquals(List.of(new JournalEntry.Committed(version("a", 50)), new JournalEntry.Committed(version("b", 1))), opened.entries());
  }

  @Test
  void aJournalOfManyUpdatesIsCompactedWhenOpened() throws IOException {
    Path path = dir.resolve("journal.log");
    try (JournalFile journal = JournalFile.open(path).journal()) {
      for (int i = 1; i <= 1_500; i++) {
        journal.append(List.of(new JournalEntry.Committed(version("hot", i))));
      }
      journal.append(List.of(new JournalEntry.Committed(version("cold", 1)), new JournalEntry.Deleted("cold", 1)));
    }
    long before = java.nio.file.Files.size(path);
    JournalFile.Opened opened = JournalFile.openCompacted(path);
    opened.journal().close();
    assertEquals(List.of(new JournalEntry.Committed(version("hot", 1_500))), opened.entries());
    assertTrue(java.nio.file.Files.size(path) < before / 100, "compacted on disk too");
    JournalFile.Opened again = JournalFile.open(path);
    again.journal().close();
    assertEquals(opened.entries(), again.entries());
  }
}
