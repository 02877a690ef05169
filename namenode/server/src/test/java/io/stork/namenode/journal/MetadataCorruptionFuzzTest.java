package io.stork.namenode.journal;

import static io.stork.namenode.journal.MetadataFixture.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.stork.protocol.ArtifactVersion;
import io.stork.runtime.DiskDispatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For many seeds: a journal written through the real writer (group commit, checkpoints), every entry
 * acknowledged; then random bytes of random metadata files flipped, zeroed or cut off; then a start.
 * The oracle, per directory: a directory whose files equal what was written, except that its segment
 * is cut short or ends in zeros from a record's start on, looks exactly like one a crash stopped
 * (a cut is indistinguishable from a crash: hence several directories) and reaches the records wholly
 * before the cut; any other change is damage. A start must then yield exactly the namespace of the
 * furthest such directory, or refuse; with an untouched directory, it must yield everything. Never a
 * silent loss of an intact record, never a crash.
 */
class MetadataCorruptionFuzzTest {
  private static ActorTestKit testKit;
  @TempDir Path root;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("MetadataCorruptionFuzzTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void damagedMetadataIsRefusedOrYieldsExactlyWhatTheFilesCanExplain() throws IOException {
    int refused = 0;
    int opened = 0;
    for (int seed = 0; seed < 120; seed++) {
      Random random = new Random(new SplittableRandom(seed).nextLong()); // neighbouring seeds of Random start alike
      Path data = root.resolve("seed-" + seed);
      List<Path> dirs = random.nextBoolean() ? List.of(data.resolve("metadata")) : List.of(data.resolve("a"), data.resolve("b"));
      List<JournalEntry> entries = writeThroughTheWriter(data, dirs, 2 + random.nextInt(12), 5 + random.nextInt(30), random);
      Map<Path, byte[]> written = snapshot(dirs);
      List<String> damages = new ArrayList<>();
      Path target = dirs.size() > 1 && random.nextBoolean() ? dirs.get(random.nextInt(2)) : data; // one directory, or any
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        damages.add(damage(random, written, target));
      }
      long[] explained = new long[dirs.size()];
      for (int i = 0; i < dirs.size(); i++) {
        explained[i] = explainedAsACrash(dirs.get(i), written);
      }
      long furthest = Arrays.stream(explained).max().orElse(-1);
      String what = "seed " + seed + ": " + entries.size() + " entries, directories reach " + Arrays.toString(explained) + " after "
          + damages;
      try {
        Map<String, ArtifactVersion> namespace = MetadataFixture.reopen(data, dirs, false);
        assertTrue(furthest >= 0, what + ": no directory is explained by a crash, yet it started");
        assertEquals(MetadataFixture.namespace(entries.subList(0, (int) furthest)), namespace, what);
        assertEquals(namespace, MetadataFixture.reopen(data, dirs, false), what + ": the repaired directories open again");
        opened++;
      } catch (MetadataException e) {
        assertTrue(furthest < entries.size(), what + ": refused although a directory is untouched: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        refused++;
      }
    }
    assertTrue(refused > 20 && opened > 20, "both outcomes seen: refused " + refused + ", opened " + opened);
  }

  /** Appends {@code count} entries in bursts (so that group commits join them), each acknowledged; returns them. */
  private static List<JournalEntry> writeThroughTheWriter(Path data, List<Path> dirs, int checkpointEntries, int count,
                                                         Random random) throws IOException {
    MetadataOpener.Opened opened = MetadataOpener.open(dirs, data, checkpointEntries, false);
    ActorRef<JournalWriter.Command> writer = testKit.spawn(JournalWriter.create(opened.store()), DiskDispatcher.SELECTOR);
    TestProbe<JournalWriter.Appended> acks = testKit.createTestProbe();
    List<JournalEntry> entries = new ArrayList<>();
    while (entries.size() < count) {
      int burst = Math.min(count - entries.size(), 1 + random.nextInt(4));
      for (int i = 0; i < burst; i++) {
        int n = entries.size();
        JournalEntry entry = n > 0 && random.nextInt(4) == 0 ? new JournalEntry.Deleted(entries.get(random.nextInt(n)).name(), 1)
            : commit("artifact-" + random.nextInt(count), n);
        entries.add(entry);
        writer.tell(new JournalWriter.Append(entry, acks.getRef()));
      }
      for (int acknowledged = 0; acknowledged < burst; ) {
        JournalWriter.Appended appended = acks.receiveMessage();
        assertNull(appended.error());
        acknowledged += appended.count();
      }
    }
    testKit.stop(writer);
    return entries;
  }

  private static Map<Path, byte[]> snapshot(List<Path> dirs) throws IOException {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    for (Path dir : dirs) {
      for (Path file : MetadataFiles.files(dir)) {
        files.put(file, Files.readAllBytes(file));
      }
    }
    return files;
  }

  /** Damages a random file; says how. */
  private static String damage(Random random, Map<Path, byte[]> written, Path under) throws IOException {
    List<Path> files = written.keySet().stream().filter(f -> f.startsWith(under) && written.get(f).length > 0).toList();
    Path file = files.get(random.nextInt(files.size()));
    long size = Files.size(file);
    if (size == 0) {
      return "nothing (" + file.getFileName() + " is empty by now)";
    }
    long at = (long) (random.nextDouble() * size);
    String where = " " + file.getFileName() + " of " + size + " bytes at " + at;
    switch (random.nextInt(3)) {
      case 0 -> {
        MetadataFixture.flip(file, at);
        return "flipped" + where;
      }
      case 1 -> {
        int length = (int) Math.min(size - at, 1 + random.nextInt(random.nextBoolean() ? 32 : 4096));
        MetadataFixture.zero(file, at, length);
        return "zeroed " + length + where;
      }
      default -> {
        MetadataFixture.truncate(file, at);
        return "cut" + where;
      }
    }
  }

  /**
   * The journal sequence a directory reaches if a crash can explain its files (else -1): the checkpoint
   * as written, and the segment the first records as written, then less than one whole record (with
   * the header that was written, if the header is there at all), or zeros only: what a crash in the
   * middle of the next append leaves.
   */
  private static long explainedAsACrash(Path dir, Map<Path, byte[]> written) throws IOException {
    Path segment = null;
    for (Path file : MetadataFiles.files(dir)) {
      if (MetadataFiles.segmentSequence(file).isPresent()) {
        segment = file;
      } else if (!Arrays.equals(written.get(file), Files.readAllBytes(file))) {
        return -1;
      }
    }
    long first = MetadataFiles.segmentSequence(segment).getAsLong();
    byte[] original = written.get(segment);
    byte[] now = Files.readAllBytes(segment);
    int common = Arrays.mismatch(original, now);
    common = common < 0 ? Math.min(original.length, now.length) : common;
    int wholeRecords = 0;
    int end = 0;
    int next = original.length; // where the record after the intact ones ends
    for (RecordScanner.Record record : RecordScanner.scan(original, RecordFormat.SEQUENCED, first).records()) {
      if (record.end() > common) {
        next = record.end();
        break;
      }
      wholeRecords++;
      end = record.end();
    }
    int header = RecordFormat.SEQUENCED.headerBytes;
    int rest = now.length - end;
    boolean zerosAfter = true;
    for (int i = end; i < now.length; i++) {
      zerosAfter &= now[i] == 0;
    }
    boolean lessThanARecord = rest < header || (rest < next - end && common >= end + header);
    return zerosAfter || lessThanARecord ? first - 1 + wholeRecords : -1;
  }
}
