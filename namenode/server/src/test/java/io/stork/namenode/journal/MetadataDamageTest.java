package io.stork.namenode.journal;

import static io.stork.namenode.journal.MetadataFixture.commit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.stork.protocol.ArtifactVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One metadata directory: a torn tail is cut off, damage refuses the start, and --recover-journal cuts on the operator's word. */
class MetadataDamageTest {
  @TempDir Path data;
  private Path dir;
  private final List<JournalEntry> entries = new ArrayList<>();

  @BeforeEach
  void writeNineRecords() throws IOException {
    dir = data.resolve("metadata");
    for (int i = 1; i <= 9; i++) {
      entries.add(commit("artifact-" + i, 1));
    }
    MetadataFixture.write(data, List.of(dir), 1_000, entries);
  }

  private Map<String, ArtifactVersion> reopen(boolean recover) throws IOException {
    return MetadataFixture.reopen(data, List.of(dir), recover);
  }

  private String refusal() {
    return assertThrows(MetadataException.class, () -> reopen(false)).getMessage();
  }

  @Test
  void whatWasAppendedIsThereAfterAReopen() throws IOException {
    assertEquals(MetadataFixture.namespace(entries), reopen(false));
    assertEquals(MetadataFixture.namespace(entries), reopen(false), "and again");
  }

  @Test
  void aDeletedMetadataDirectoryStartsEmptyWithAWarning() throws IOException {
    MetadataFixture.files(dir, "").forEach(f -> f.toFile().delete());
    Files.delete(dir);
    try (MetadataFixture.Log log = new MetadataFixture.Log()) {
      assertEquals(Map.of(), reopen(false));
      assertTrue(log.at(Level.WARN).stream().anyMatch(w -> w.startsWith("the name node's metadata is empty")), log.at(Level.WARN).toString());
    }
  }

  @Test
  void aDeletedSegmentBesideItsCheckpointIsRefused() throws IOException {
    Path segment = MetadataFixture.onlySegment(dir);
    Files.delete(segment);
    String line = refusal();
    assertTrue(line.contains(segment + " record 1 at byte 0: the journal segment after"), line);
    assertTrue(line.contains("--recover-journal"), line);
  }

  @Test
  void aSegmentCutInsideItsLastRecordIsATornTail() throws IOException {
    Path segment = MetadataFixture.onlySegment(dir);
    List<Integer> starts = MetadataFixture.recordStarts(segment, 1);
    MetadataFixture.truncate(segment, starts.get(9) - 5);
    try (MetadataFixture.Log log = new MetadataFixture.Log()) {
      assertEquals(MetadataFixture.namespace(entries.subList(0, 8)), reopen(false));
      int torn = starts.get(9) - 5 - starts.get(8);
      assertEquals(List.of("the journal in " + dir + " ended in a record torn by a crash: " + torn
          + " bytes dropped (never acknowledged)"), log.at(Level.WARN));
    }
    assertEquals(starts.get(8), (int) Files.size(segment), "cut off");
  }

  /** A byte flipped in the first, a middle and the last record: a refusal naming the file, the record and its offset. */
  @ParameterizedTest
  @ValueSource(ints = {1, 5, 9})
  void aFlippedByteInAnyRecordIsRefusedAndNothingIsChanged(int record) throws IOException {
    Path segment = MetadataFixture.onlySegment(dir);
    List<Integer> starts = MetadataFixture.recordStarts(segment, 1);
    MetadataFixture.flip(segment, starts.get(record - 1) + 25);
    byte[] before = Files.readAllBytes(segment);
    String line = refusal();
    assertTrue(line.startsWith("the name node's metadata is damaged, so it does not start (nothing was changed): " + segment
        + " record " + record + " at byte " + starts.get(record - 1) + ": its checksum does not match"), line);
    assertTrue(line.endsWith("or start once with --recover-journal, which cuts the journal at this record, keeps what it cuts "
        + "in a file beside it, and starts from the records before it"), line);
    assertEquals(1, line.lines().count());
    assertArrayEquals(before, Files.readAllBytes(segment));
  }

  @Test
  void aZeroedHeaderIsRefused() throws IOException {
    Path segment = MetadataFixture.onlySegment(dir);
    List<Integer> starts = MetadataFixture.recordStarts(segment, 1);
    MetadataFixture.zero(segment, starts.get(4), RecordFormat.SEQUENCED.headerBytes);
    String line = refusal();
    assertTrue(line.contains(segment + " record 5 at byte " + starts.get(4) + ": its header is damaged (no record mark); an "
        + "intact record follows at byte " + starts.get(5)), line);
  }

  /** A record that passes its checks but does not decode (another version of Stork, a hand edit) is kept and refused, never cut. */
  @Test
  void anIntactButUnreadableRecordIsRefused() throws IOException {
    Path segment = MetadataFixture.onlySegment(dir);
    long end = Files.size(segment);
    Files.write(segment, RecordFormat.SEQUENCED.frame(10, "{\"op\":\"rename\",\"from\":\"a\"}".getBytes(
        java.nio.charset.StandardCharsets.UTF_8)), java.nio.file.StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(segment);
    String line = refusal();
    assertTrue(line.contains(segment + " record 10 at byte " + end + ": it passes its checksum but cannot be read"), line);
    assertArrayEquals(before, Files.readAllBytes(segment));
  }

  @Test
  void aDamagedCheckpointIsRefusedAndCannotBeCut() throws IOException {
    Path checkpoint = MetadataFixture.files(dir, "checkpoint-").get(0);
    MetadataFixture.flip(checkpoint, 22);
    String line = refusal();
    assertTrue(line.contains(checkpoint + " record 1 at byte 0"), line);
    assertTrue(line.endsWith("(--recover-journal cannot cut a damaged checkpoint)"), line);
    assertTrue(assertThrows(MetadataException.class, () -> reopen(true)).getMessage()
        .startsWith("the name node's metadata is damaged beyond what --recover-journal can cut"));
  }

  @Test
  void recoveryCutsAtTheFirstBadRecordKeepsACopyAndStarts() throws IOException {
    Path segment = MetadataFixture.onlySegment(dir);
    List<Integer> starts = MetadataFixture.recordStarts(segment, 1);
    MetadataFixture.flip(segment, starts.get(4) + 30);
    byte[] damaged = Files.readAllBytes(segment);
    try (MetadataFixture.Log log = new MetadataFixture.Log()) {
      assertEquals(MetadataFixture.namespace(entries.subList(0, 4)), reopen(true));
      Path kept = segment.resolveSibling(segment.getFileName() + ".removed-at-" + starts.get(4));
      assertArrayEquals(Arrays.copyOfRange(damaged, starts.get(4), damaged.length), Files.readAllBytes(kept));
      String warning = log.at(Level.WARN).get(0);
      assertTrue(warning.startsWith("--recover-journal: cut the journal at " + segment + " record 5 at byte " + starts.get(4)), warning);
      assertTrue(warning.contains("kept " + (damaged.length - starts.get(4)) + " bytes in " + kept), warning);
      assertTrue(warning.endsWith("(the journal had reached sequence 9: what came after the cut is lost unless restored from a backup)"),
          warning);
    }
    MetadataFixture.write(data, List.of(dir), 1_000, List.of(commit("after", 1)));
    List<JournalEntry> expected = new ArrayList<>(entries.subList(0, 4));
    expected.add(commit("after", 1));
    assertEquals(MetadataFixture.namespace(expected), reopen(false), "clean after the cut, and appended to");
  }

  @Test
  void recoveryOfAMissingSegmentStartsFromTheCheckpoint() throws IOException {
    Files.delete(MetadataFixture.onlySegment(dir));
    assertEquals(Map.of(), reopen(true));
    assertEquals(Map.of(), reopen(false));
  }
}
