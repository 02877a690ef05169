package io.stork.storagenode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NamespaceRecord;
import io.stork.protocol.NamespaceRecord.Manifest;
import io.stork.protocol.NamespaceRecord.Tombstone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Namespace records beside the chunks, with real files: newest per name, durable, paged, and a damaged file costs only itself. */
class RecordStoreTest {
  @TempDir Path dir;

  static Manifest manifest(String name, long version, int chunks) {
    List<ChunkRef> refs = IntStream.range(0, chunks).mapToObj(i -> new ChunkRef(ChunkId.random(), 1 << 20, i)).toList();
    return new Manifest(new ArtifactVersion(name, version, (long) chunks << 20, "ab".repeat(32), refs, 1_700_000_000_000L + version,
        List.of("ssd")), 0);
  }

  private Path fileOf(String name) {
    return dir.resolve("records").resolve(RecordFile.fileNameOf(name));
  }

  @Test
  void keepsRecordsDurablyAndListsThemInNameOrderAfterARestart() throws IOException {
    RecordStore store = RecordStore.open(dir);
    Manifest b = manifest("b/☃ name", 1, 3);
    Tombstone a = new Tombstone("a", 4, 0);
    Manifest c = manifest("c", 2, 0);
    assertEquals(3, store.keep(List.of(b, a, c)));
    assertEquals(new RecordStore.Page(List.of(a, b, c), false), store.page("", 10));

    RecordStore reopened = RecordStore.open(dir);
    assertEquals(new RecordStore.Page(List.of(a, b, c), false), reopened.page("", 10), "the same records, equal field by field");
    assertEquals(new RecordStore.Page(List.of(c), false), reopened.page("b/☃ name", 10));
    try (Stream<Path> files = Files.list(dir.resolve("records"))) {
      assertEquals(3, files.count(), "one file per name, no temporaries left");
    }
  }

  @Test
  void theNewerRecordOfANameWinsInEitherOrder() throws IOException {
    RecordStore store = RecordStore.open(dir);
    Manifest v1 = manifest("x", 1, 1);
    Manifest v2 = manifest("x", 2, 1);
    Tombstone deleted2 = new Tombstone("x", 2, 0);
    Manifest v3 = manifest("x", 3, 2);
    assertEquals(1, store.keep(List.of(v1)));
    assertEquals(1, store.keep(List.of(v2)));
    assertEquals(v2, store.get("x"), "manifest v2 beats v1");
    assertEquals(0, store.keep(List.of(v1)), "an older record that arrives late changes nothing");
    assertEquals(1, store.keep(List.of(deleted2)));
    assertEquals(deleted2, store.get("x"), "the tombstone of v2 beats manifest v2");
    assertEquals(0, store.keep(List.of(v2)));
    assertEquals(0, store.keep(List.of(deleted2)), "the same record again is not written again");
    assertEquals(1, store.keep(List.of(v3)));
    assertEquals(v3, store.get("x"), "manifest v3 beats the tombstone of v2");
    assertEquals(v3, RecordStore.open(dir).get("x"));

    assertEquals(1, store.keep(List.of(manifest("y", 5, 1), new Tombstone("y", 6, 0), manifest("y", 4, 1))), "within one message too");
    assertEquals(new Tombstone("y", 6, 0), RecordStore.open(dir).get("y"));
  }

  @Test
  void aFlippedByteMakesOneFileSkippedAndLeavesTheOthersIntact() throws IOException {
    RecordStore store = RecordStore.open(dir);
    List<NamespaceRecord> records = List.of(manifest("one", 1, 2), manifest("two", 1, 2), new Tombstone("three", 3, 0));
    store.keep(records);
    byte[] intact = Files.readAllBytes(fileOf("two"));
    for (int offset : new int[] {0, 5, 9, RecordFile.HEADER_BYTES, intact.length / 2, intact.length - 1}) {
      byte[] damaged = intact.clone();
      damaged[offset] ^= 0x04;
      Files.write(fileOf("two"), damaged);
      RecordStore reopened = RecordStore.open(dir);
      assertNull(reopened.get("two"), "byte " + offset);
      assertEquals(records.get(0), reopened.get("one"));
      assertEquals(records.get(2), reopened.get("three"));
      assertEquals(1, reopened.damaged());
      assertTrue(Files.exists(fileOf("two")), "a damaged file is left for the operator");
    }
    Files.write(fileOf("two"), intact, java.nio.file.StandardOpenOption.APPEND);
    assertNull(RecordStore.open(dir).get("two"), "longer than its length says");
    Files.write(fileOf("two"), new byte[0]);
    assertNull(RecordStore.open(dir).get("two"), "empty");
  }

  @Test
  void aNewRecordOfADamagedFilesNameSetsTheDamagedFileAside() throws IOException {
    RecordStore.open(dir).keep(List.of(manifest("d", 9, 1)));
    byte[] damaged = Files.readAllBytes(fileOf("d"));
    damaged[damaged.length - 2] ^= 1;
    Files.write(fileOf("d"), damaged);
    RecordStore reopened = RecordStore.open(dir);
    assertEquals(1, reopened.keep(List.of(new Tombstone("d", 3, 0))), "nothing readable is kept of d");
    assertEquals(new Tombstone("d", 3, 0), RecordStore.open(dir).get("d"));
    assertArrayEquals(damaged, Files.readAllBytes(fileOf("d").resolveSibling(RecordFile.fileNameOf("d") + ".damaged")),
        "the damaged file, which may have been newer, is kept for the operator");
  }

  @Test
  void aRecordFileUnderAnotherNamesFileNameIsSkipped() throws IOException {
    RecordStore store = RecordStore.open(dir);
    store.keep(List.of(new Tombstone("mine", 2, 0), new Tombstone("theirs", 7, 0)));
    Files.copy(fileOf("theirs"), fileOf("mine"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    RecordStore reopened = RecordStore.open(dir);
    assertNull(reopened.get("mine"));
    assertEquals(new Tombstone("theirs", 7, 0), reopened.get("theirs"));
  }

  @Test
  void malformedRecordsAreRefusedAndTheRestKept() throws IOException {
    RecordStore store = RecordStore.open(dir);
    List<NamespaceRecord> records = new ArrayList<>(List.of(new Tombstone(null, 2, 0), new Tombstone("", 2, 0), new Tombstone("v0", 0, 0),
        new Manifest(null, 0), new Manifest(new ArtifactVersion("nochunkid", 1, 0, "x", List.of(new ChunkRef(null, 1, 0)), 0, null), 0),
        new Manifest(new ArtifactVersion("nodigest", 1, 0, null, List.of(), 0, null), 0), new Tombstone("fine", 1, 0)));
    assertEquals(1, store.keep(records));
    assertEquals(new RecordStore.Page(List.of(new Tombstone("fine", 1, 0)), false), RecordStore.open(dir).page("", 100));
  }

  @Test
  void leftoverTemporariesOfACrashAreDropped() throws IOException {
    RecordStore.open(dir).keep(List.of(new Tombstone("t", 1, 0)));
    Path temp = dir.resolve("records").resolve(RecordFile.fileNameOf("u") + ".tmp");
    Files.write(temp, new byte[] {1, 2});
    assertEquals(1, RecordStore.open(dir).size());
    assertFalse(Files.exists(temp));
  }

  @Test
  void pagesAreBoundedByCountAndByBytesAndAlwaysMoveOn() throws IOException {
    RecordStore store = RecordStore.open(dir);
    List<NamespaceRecord> records = IntStream.range(0, 25).mapToObj(i -> (NamespaceRecord) manifest(String.format("n%02d", i), 1, 10))
        .toList();
    store.keep(records);
    List<NamespaceRecord> seen = new ArrayList<>();
    String after = "";
    RecordStore.Page page;
    do {
      page = store.page(after, 10);
      assertTrue(page.records().size() <= 10);
      seen.addAll(page.records());
      after = page.records().get(page.records().size() - 1).name();
    } while (page.more());
    assertEquals(records, seen);
    assertEquals(List.of(), store.page("n24", 10).records());

    long fileBytes = Files.size(fileOf("n00"));
    assertEquals(3, store.page("", 100, 3 * fileBytes + 1).records().size(), "as many as fit in the bytes");
    assertEquals(new RecordStore.Page(List.of(records.get(0)), true), store.page("", 100, 1), "one at least, however large");
    assertEquals(RecordStore.PAGE_RECORDS, pageOfMany().records().size());
  }

  /** A limit past the cap is cut to it. */
  private RecordStore.Page pageOfMany() throws IOException {
    RecordStore store = RecordStore.open(dir.resolve("many"));
    store.keep(IntStream.range(0, RecordStore.PAGE_RECORDS + 5).mapToObj(i -> (NamespaceRecord) new Tombstone("t" + i, 1, 0)).toList());
    return store.page("", Integer.MAX_VALUE);
  }

  /** The largest manifest that fits in a KeepRecords message fits in a page of its own, well under Artery's 2 MiB frame. */
  @Test
  void aPageOfLargeManifestsStaysUnderTheByteBound() throws IOException {
    RecordStore store = RecordStore.open(dir);
    store.keep(IntStream.range(0, 10).mapToObj(i -> (NamespaceRecord) manifest("big" + i, 1, 3000)).toList());
    RecordStore.Page page = store.page("", 1000);
    long bytes = 0;
    for (NamespaceRecord record : page.records()) {
      bytes += Files.size(fileOf(record.name()));
    }
    assertTrue(page.more());
    assertTrue(bytes <= RecordStore.PAGE_BYTES, bytes + " bytes");
  }
}
