package io.stork.storagenode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orphans in the trash, with real files: kept for the grace, across restarts, and emptied oldest first when room is short. */
class TrashTest {
  private static final Duration GRACE = Duration.ofHours(6);
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));

  private static ChunkId put(ChunkStore store, int size) throws IOException {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    ChunkId id = ChunkId.random();
    store.put(id, data, Checksums.crc32c(data));
    return id;
  }

  private Path trashed(ChunkId id) {
    return dir.resolve("trash").resolve(Trash.nameOf(clock.millis(), id));
  }

  private List<String> trashFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("trash"))) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aTrashedChunkLeavesTheStoreWholeAndItsBytesCountInTheTrash() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    Trash trash = Trash.open(dir, clock);
    ChunkId orphan = put(store, 1000);
    ChunkId kept = put(store, 300);
    byte[] file = Files.readAllBytes(store.pathOf(orphan));

    Trash.Taken taken = trash.take(store, List.of(orphan, ChunkId.random()));
    assertEquals(new Trash.Taken(1, List.of()), taken, "a chunk the node does not hold is skipped");
    assertFalse(store.contains(orphan));
    assertFalse(Files.exists(store.pathOf(orphan)));
    assertEquals(300, store.usedBytes());
    assertArrayEquals(file, Files.readAllBytes(trashed(orphan)), "the file itself, renamed with the time it was trashed");
    assertEquals(file.length, trash.bytes());
    assertEquals(1, trash.count());
    assertTrue(store.contains(kept));
  }

  @Test
  void theSweepDeletesOnlyWhatIsPastItsGraceAndSurvivesARestart() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    Trash trash = Trash.open(dir, clock);
    ChunkId early = put(store, 100);
    ChunkId late = put(store, 100);
    trash.take(store, List.of(early));
    clock.advance(Duration.ofHours(2));
    trash.take(store, List.of(late));
    String lateName = Trash.nameOf(clock.millis(), late);

    clock.advance(Duration.ofHours(3));
    assertEquals(0, trash.sweep(GRACE), "5 hours: nothing is due");
    Trash reopened = Trash.open(dir, clock);
    assertEquals(2, reopened.count(), "the times come back from the file names");
    clock.advance(Duration.ofHours(1));
    assertEquals(1, reopened.sweep(GRACE), "6 hours after the first");
    assertEquals(List.of(lateName), trashFiles());
    assertEquals(Files.size(dir.resolve("trash").resolve(lateName)), reopened.bytes());
    clock.advance(Duration.ofHours(2));
    assertEquals(1, reopened.sweep(GRACE));
    assertEquals(List.of(), trashFiles());
    assertEquals(0, reopened.bytes());
  }

  @Test
  void aChunkStoredAgainWhileInTheTrashIsTheNewOne() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    Trash trash = Trash.open(dir, clock);
    ChunkId id = put(store, 400);
    trash.take(store, List.of(id));
    byte[] again = new byte[700];
    new Random(7).nextBytes(again);
    store.put(id, again, Checksums.crc32c(again));
    clock.advance(GRACE);
    assertEquals(1, trash.sweep(GRACE));
    assertArrayEquals(again, store.read(id), "the trash copy went; the new store stays");
    assertEquals(700, ChunkStore.open(dir).usedBytes());
  }

  @Test
  void emptyingForRoomTakesTheOldestFirst() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    Trash trash = Trash.open(dir, clock);
    List<ChunkId> ids = List.of(put(store, 1000), put(store, 1000), put(store, 1000));
    for (ChunkId id : ids) {
      trash.take(store, List.of(id));
      clock.advance(Duration.ofMinutes(1));
    }
    long perFile = trash.bytes() / 3;
    assertEquals(2 * perFile, trash.empty(perFile + 1), "whole files, until the bytes asked for are free");
    assertEquals(1, trash.count());
    assertEquals(List.of(Trash.nameOf(clock.millis() - 60_000, ids.get(2))), trashFiles(), "the newest is left");
    assertEquals(perFile, trash.empty(Long.MAX_VALUE), "all of it, and no more than there is");
    assertEquals(0, trash.count());
  }

  @Test
  void filesThatAreNotTrashedChunksAreLeftAloneAndUncounted() throws IOException {
    Files.createDirectories(dir.resolve("trash"));
    Files.write(dir.resolve("trash").resolve("notes.txt"), new byte[] {1, 2, 3});
    Trash trash = Trash.open(dir, clock);
    assertEquals(0, trash.count());
    clock.advance(Duration.ofDays(30));
    assertEquals(0, trash.sweep(GRACE));
    assertEquals(List.of("notes.txt"), trashFiles());
  }

  @Test
  void sweepsOftenEnoughForTheGrace() {
    assertEquals(Duration.ofMinutes(1), Trash.sweepInterval(Duration.ofHours(6)));
    assertEquals(Duration.ofSeconds(5), Trash.sweepInterval(Duration.ofSeconds(10)));
    assertEquals(Duration.ofSeconds(1), Trash.sweepInterval(Duration.ZERO));
  }
}
