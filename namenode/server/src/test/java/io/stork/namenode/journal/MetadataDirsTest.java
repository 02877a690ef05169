package io.stork.namenode.journal;

import static io.stork.namenode.journal.MetadataFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.stork.protocol.ArtifactVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several metadata directories, checkpoints (and crashes between their steps), and the migration from journal.log. */
class MetadataDirsTest {
  @TempDir Path data;

  private List<JournalEntry> entries(int count) {
    List<JournalEntry> entries = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      entries.add(i % 4 == 0 ? new JournalEntry.Deleted("artifact-" + (i - 1), 1) : commit("artifact-" + i, 1));
    }
    return entries;
  }

  private List<Path> twoDirs() {
    return List.of(data.resolve("metadata"), data.resolve("elsewhere/metadata"));
  }

  @Test
  void aLostDirectoryIsRewrittenFromTheOther() throws IOException {
    List<Path> dirs = twoDirs();
    MetadataFixture.write(data, dirs, 1_000, entries(7));
    for (Path file : MetadataFixture.files(dirs.get(0), "")) {
      Files.delete(file);
    }
    try (MetadataFixture.Log log = new MetadataFixture.Log()) {
      assertEquals(MetadataFixture.namespace(entries(7)), MetadataFixture.reopen(data, dirs, false));
      assertTrue(log.at(Level.WARN).contains("metadata directory " + dirs.get(0) + " was empty; rewritten from " + dirs.get(1)),
          log.at(Level.WARN).toString());
    }
    for (Path file : MetadataFixture.files(dirs.get(1), "")) {
      Files.delete(file); // now only the rewritten one is left
    }
    assertEquals(MetadataFixture.namespace(entries(7)), MetadataFixture.reopen(data, dirs, false));
  }

  @Test
  void aDamagedDirectoryIsSetAsideAndRewrittenFromTheOther() throws IOException {
    List<Path> dirs = twoDirs();
    MetadataFixture.write(data, dirs, 1_000, entries(7));
    Path segment = MetadataFixture.onlySegment(dirs.get(1));
    MetadataFixture.flip(segment, MetadataFixture.recordStarts(segment, 1).get(2) + 30);
    try (MetadataFixture.Log log = new MetadataFixture.Log()) {
      assertEquals(MetadataFixture.namespace(entries(7)), MetadataFixture.reopen(data, dirs, false));
      String warning = log.at(Level.WARN).get(0);
      assertTrue(warning.startsWith("metadata directory " + dirs.get(1) + " was damaged (" + segment + " record 3 at byte"), warning);
      assertTrue(warning.contains("; rewritten from " + dirs.get(0) + " (its files kept in " + dirs.get(1).resolve("damaged-")),
          warning);
    }
    Path aside = MetadataFixture.files(dirs.get(1), "damaged-").get(0);
    assertTrue(Files.exists(aside.resolve(segment.getFileName())), "the damaged segment is kept");
    for (Path file : MetadataFixture.files(dirs.get(0), "")) {
      Files.delete(file);
    }
    assertEquals(MetadataFixture.namespace(entries(7)), MetadataFixture.reopen(data, dirs, false), "the rewritten copy is whole");
  }

  @Test
  void aDirectoryBehindIsCaughtUpAndOneDamagedAheadOfTheBestIsRefused() throws IOException {
    List<Path> dirs = twoDirs();
    MetadataFixture.write(data, dirs, 1_000, entries(3));
    Path behind = data.resolve("behind");
    copy(dirs.get(1), behind);
    MetadataFixture.write(data, dirs, 1_000, entries(7).subList(3, 7));
    Path segment = MetadataFixture.onlySegment(dirs.get(1));
    copy(behind, dirs.get(0)); // dir 0 is intact but stopped at sequence 3
    assertEquals(MetadataFixture.namespace(entries(7)), MetadataFixture.reopen(data, dirs, false), "the one ahead wins");

    copy(behind, dirs.get(0));
    MetadataFixture.flip(segment, MetadataFixture.recordStarts(segment, 1).get(5) + 30);
    String line = assertThrows(MetadataException.class, () -> MetadataFixture.reopen(data, dirs, false)).getMessage();
    assertTrue(line.contains(segment + " record 6 at byte"), line);
    assertTrue(line.contains("; the intact copy in " + dirs.get(0) + " reaches only journal sequence 3, and this one shows "
        + "sequence 7"), line);
    Map<String, ArtifactVersion> recovered = MetadataFixture.reopen(data, dirs, true);
    assertEquals(MetadataFixture.namespace(entries(5)), recovered, "cut at the bad record: further than the copy behind");
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (Path file : MetadataFixture.files(to, "")) {
      if (Files.isRegularFile(file)) {
        Files.delete(file);
      }
    }
    for (Path file : MetadataFixture.files(from, "")) {
      if (Files.isRegularFile(file)) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** A directory that fails (here: removed while in use, so its next checkpoint cannot be made) is dropped; the other goes on. */
  @Test
  void aDirectoryThatFailsIsDroppedAndTheOtherGoesOn() throws IOException {
    List<Path> dirs = twoDirs();
    List<JournalEntry> entries = entries(9);
    try (MetadataFixture.Log log = new MetadataFixture.Log();
         MetadataStore store = MetadataFixture.open(data, dirs, 4, false).store()) {
      store.append(entries.subList(0, 2));
      for (Path file : MetadataFixture.files(dirs.get(1), "")) {
        Files.delete(file);
      }
      Files.delete(dirs.get(1));
      store.append(entries.subList(2, 5)); // the checkpoint after these fails in the removed directory
      store.append(entries.subList(5, 9));
      assertEquals(List.of(dirs.get(0)), store.dirs());
      String error = log.at(Level.ERROR).get(0);
      assertTrue(error.startsWith("a checkpoint in " + dirs.get(1) + " failed: "), error);
      assertTrue(error.endsWith("that metadata directory is no longer used (1 left); a restart rewrites it from a good one"), error);
    }
    assertEquals(MetadataFixture.namespace(entries), MetadataFixture.reopen(data, dirs, false));
    assertTrue(Files.exists(MetadataFiles.checkpoint(dirs.get(1), 9)), "rewritten at the start");
  }

  @Test
  void aCheckpointRestartsTheJournalAndRemovesTheOldFiles() throws IOException {
    List<Path> dirs = twoDirs();
    MetadataFixture.write(data, dirs, 5, entries(12));
    for (Path dir : dirs) {
      assertEquals(List.of(MetadataFiles.checkpoint(dir, 10)), MetadataFixture.files(dir, "checkpoint-"));
      assertEquals(List.of(MetadataFiles.segment(dir, 11)), MetadataFixture.files(dir, "segment-"));
    }
    assertEquals(MetadataFixture.namespace(entries(12)), MetadataFixture.reopen(data, dirs, false));
  }

  /**
   * A crash may stop a checkpoint after any of its steps: the new segment made, a temporary checkpoint
   * half written, the checkpoint renamed in but the old files still there. Each start finds everything.
   */
  @Test
  void aCrashBetweenTheStepsOfACheckpointLosesNothing() throws IOException {
    Path dir = data.resolve("metadata");
    MetadataFixture.write(data, List.of(dir), 1_000, entries(6));
    Path before = data.resolve("before");
    copy(dir, before);
    Map<String, ArtifactVersion> expected = MetadataFixture.namespace(entries(6));
    List<ArtifactVersion> live = List.copyOf(expected.values());

    Files.createFile(MetadataFiles.segment(dir, 7)); // step 1: the new, empty segment
    assertEquals(expected, MetadataFixture.reopen(data, List.of(dir), false), "after step 1");

    copy(before, dir);
    Files.createFile(MetadataFiles.segment(dir, 7));
    Files.write(dir.resolve(MetadataFiles.checkpoint(dir, 6).getFileName() + ".tmp"), new byte[] {1, 2, 3}); // step 2, half done
    assertEquals(expected, MetadataFixture.reopen(data, List.of(dir), false), "during step 2");

    copy(before, dir);
    Files.createFile(MetadataFiles.segment(dir, 7));
    Checkpoint.write(dir, 6, live.stream().<JournalEntry>map(JournalEntry.Committed::new).toList()); // step 2 done, the old checkpoint and segment not deleted yet
    assertEquals(expected, MetadataFixture.reopen(data, List.of(dir), false), "after step 2");
    assertEquals(List.of(MetadataFiles.checkpoint(dir, 6)), MetadataFixture.files(dir, "checkpoint-"), "step 3 done by the start");

    MetadataFixture.write(data, List.of(dir), 1_000, List.of(commit("later", 1)));
    List<JournalEntry> all = new ArrayList<>(entries(6));
    all.add(commit("later", 1));
    assertEquals(MetadataFixture.namespace(all), MetadataFixture.reopen(data, List.of(dir), false));
  }

  @Test
  void anExistingJournalLogBecomesTheFirstCheckpoint() throws IOException {
    Path legacy = data.resolve("journal.log");
    List<JournalEntry> entries = entries(9);
    try (var out = Files.newOutputStream(legacy)) {
      for (JournalEntry entry : entries) {
        out.write(JournalCodec.encodeLegacy(entry));
      }
      out.write(JournalCodec.encodeLegacy(commit("torn", 1)), 0, 11); // a crash in the middle of the last one
    }
    Path dir = data.resolve("metadata");
    try (MetadataFixture.Log log = new MetadataFixture.Log()) {
      assertEquals(MetadataFixture.namespace(entries), MetadataFixture.reopen(data, List.of(dir), false));
      assertEquals(List.of(legacy + " ended in a record torn by a crash: 11 bytes dropped (never acknowledged)"), log.at(Level.WARN));
    }
    assertFalse(Files.exists(legacy));
    assertTrue(Files.exists(data.resolve("journal.log.migrated")), "kept for the operator");
    assertEquals(List.of(MetadataFiles.checkpoint(dir, 9)), MetadataFixture.files(dir, "checkpoint-"));
    assertEquals(MetadataFixture.namespace(entries), MetadataFixture.reopen(data, List.of(dir), false), "read from the checkpoint");
  }

  @Test
  void aDamagedJournalLogIsRefusedAndRecoveredOnlyOnTheOperatorsWord() throws IOException {
    Path legacy = data.resolve("journal.log");
    List<JournalEntry> entries = entries(5);
    List<Integer> starts = new ArrayList<>();
    try (var out = Files.newOutputStream(legacy)) {
      int offset = 0;
      for (JournalEntry entry : entries) {
        byte[] record = JournalCodec.encodeLegacy(entry);
        starts.add(offset);
        offset += record.length;
        out.write(record);
      }
    }
    MetadataFixture.flip(legacy, 0); // the high byte of the first record's length
    Path dir = data.resolve("metadata");
    String line = assertThrows(MetadataException.class, () -> MetadataFixture.reopen(data, List.of(dir), false)).getMessage();
    assertTrue(line.startsWith("the name node's journal is damaged, so it does not start (nothing was changed): " + legacy
        + " record 1 at byte 0: its header is damaged (length out of range); an intact record follows at byte " + starts.get(1)), line);
    assertTrue(Files.exists(legacy));
    assertEquals(Map.of(), MetadataFixture.reopen(data, List.of(dir), true));
    assertEquals(Files.size(data.resolve("journal.log.migrated")), Files.size(data.resolve("journal.log.removed-at-0")));
  }
}
