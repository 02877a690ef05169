package io.stork.storagenode;

import io.stork.protocol.ChunkId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Chunks the name node called orphans, kept a while before they are deleted: a name node that lost
 * its metadata calls every chunk an orphan, and must not destroy them all at once.
 *
 * <p>A trashed chunk is its file renamed (atomic, same file system) to
 * {@code <dir>/trash/<time trashed, 16 digits of epoch millis>-<chunk id>.chunk}: the name keeps
 * the time, so trash survives a restart and sorts oldest first, and the file is still a chunk file
 * an operator can move back. The chunk leaves the store's index and its used bytes; the trash's
 * bytes are counted here ({@link #bytes}). Used on the storage node's thread only ({@link #bytes} and
 * {@link #count} may be read from any).
 */
final class Trash {
  private static final Pattern NAME = Pattern.compile("(\\d{16})-([0-9a-f]{32})\\.chunk");

  private final Path dir;
  private final Clock clock;
  /** File name to its bytes on disk; the names sort by the time trashed, so the first is the oldest. */
  private final TreeMap<String, Long> files = new TreeMap<>();
  /** Written on the node's thread, read by metrics scrapes too. */
  private volatile long bytes;
  private volatile int count;

  private Trash(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** Opens (creating if needed) the trash of {@code dataDir}. Files that are not trashed chunks are left alone and not counted. */
  static Trash open(Path dataDir, Clock clock) throws IOException {
    Trash trash = new Trash(dataDir.resolve("trash"), clock);
    Files.createDirectories(trash.dir);
    try (Stream<Path> listed = Files.list(trash.dir)) {
      for (Path file : (Iterable<Path>) listed::iterator) {
        String name = file.getFileName().toString();
        if (NAME.matcher(name).matches() && Files.isRegularFile(file)) {
          trash.add(name, Files.size(file));
        }
      }
    }
    return trash;
  }

  /** The file name of {@code chunkId} trashed at {@code millis}. */
  static String nameOf(long millis, ChunkId chunkId) {
    return String.format("%016d-%s.chunk", millis, chunkId);
  }

  /** What a {@link #take} did: the chunks moved, and a line for each that could not be. */
  record Taken(int moved, List<String> failures) {}

  /**
   * Moves each chunk's file from {@code store} to the trash; a chunk not in the store is skipped. The
   * renames of one call share one fsync per directory.
   */
  Taken take(ChunkStore store, Collection<ChunkId> chunkIds) throws IOException {
    long now = clock.millis();
    Set<Path> touched = new HashSet<>();
    List<String> failures = new ArrayList<>();
    int moved = 0;
    for (ChunkId chunkId : chunkIds) {
      String name = nameOf(now, chunkId);
      Path target = dir.resolve(name);
      try {
        if (store.moveOut(chunkId, target)) {
          touched.add(store.pathOf(chunkId).getParent());
          add(name, Files.size(target));
          moved++;
        }
      } catch (IOException e) {
        failures.add("chunk " + chunkId + ": " + e.getMessage());
      }
    }
    if (moved > 0) {
      touched.add(dir);
      for (Path touchedDir : touched) {
        ChunkStore.fsyncDirectory(touchedDir);
      }
    }
    return new Taken(moved, failures);
  }

  /** Deletes what was trashed {@code grace} ago or earlier; returns how many files went. */
  int sweep(Duration grace) throws IOException {
    long due = clock.millis() - grace.toMillis();
    int deleted = 0;
    while (!files.isEmpty() && trashedAt(files.firstKey()) <= due) {
      deleteOldest();
      deleted++;
    }
    return deleted;
  }

  /** Deletes the oldest trash until {@code needed} bytes are freed or none is left; returns the bytes freed. */
  long empty(long needed) throws IOException {
    long freed = 0;
    while (freed < needed && !files.isEmpty()) {
      freed += deleteOldest();
    }
    return freed;
  }

  private long deleteOldest() throws IOException {
    Map.Entry<String, Long> oldest = files.firstEntry();
    try {
      Files.delete(dir.resolve(oldest.getKey()));
    } catch (NoSuchFileException e) {
      // removed by hand meanwhile: gone is what we wanted
    }
    files.remove(oldest.getKey());
    bytes -= oldest.getValue();
    count = files.size();
    return oldest.getValue();
  }

  private void add(String name, long size) {
    Long previous = files.put(name, size);
    bytes += size - (previous == null ? 0 : previous);
    count = files.size();
  }

  private static long trashedAt(String name) {
    Matcher matcher = NAME.matcher(name);
    return matcher.matches() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
  }

  /** Bytes of the trash's files on disk. */
  long bytes() {
    return bytes;
  }

  int count() {
    return count;
  }

  /** How often to look for trash past its grace: often enough to keep close to it, at most once a second. */
  static Duration sweepInterval(Duration grace) {
    Duration half = grace.dividedBy(2);
    return half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
        : half.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : half;
  }
}
