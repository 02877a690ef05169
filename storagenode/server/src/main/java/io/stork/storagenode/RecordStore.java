package io.stork.storagenode;

import io.stork.protocol.NamespaceRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace records a storage node keeps beside its chunks: for each name only the newest
 * ({@link NamespaceRecord#newer}), one {@link RecordFile} per name in {@code <dir>/records/}, named
 * by the hash of the name. All records are read at start into an index by name (so pages are served
 * from memory, in name order); a damaged file is skipped with a warning naming it, and left on disk
 * untouched until a record of its name arrives, which sets it aside as {@code <file>.damaged}.
 * {@link #keep} is for the disk pool and runs one call at a time; {@link #page} may run on any
 * thread beside it.
 */
final class RecordStore {
  private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);
  private static final String TEMP_SUFFIX = ".tmp";
  private static final String DAMAGED_SUFFIX = ".damaged";
  /**
   * The most a page holds: its records' files are JSON, which CBOR on the wire matches or beats (it
   * writes numbers in binary), so 1 MiB of them keeps a page well under Artery's 2 MiB frame.
   */
  static final long PAGE_BYTES = 1 << 20;
  static final int PAGE_RECORDS = 1000;

  /** A record and the bytes of its file (what a page counts). */
  private record Kept(NamespaceRecord record, int bytes) {}

  /** Records in name order after a name, and whether more follow. */
  record Page(List<NamespaceRecord> records, boolean more) {}

  private final Path dir;
  private final ConcurrentSkipListMap<String, Kept> byName = new ConcurrentSkipListMap<>();
  private int damaged;
  /** How many names have a record (ConcurrentSkipListMap.size walks the map; metrics ask often). */
  private volatile int size;

  private RecordStore(Path dir) {
    this.dir = dir;
  }

  /** Opens (creating if needed) the records of {@code dataDir}, dropping temporaries of a crash. */
  static RecordStore open(Path dataDir) throws IOException {
    RecordStore store = new RecordStore(dataDir.resolve("records"));
    Files.createDirectories(store.dir);
    try (Stream<Path> listed = Files.list(store.dir)) {
      for (Path file : (Iterable<Path>) listed::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(TEMP_SUFFIX)) {
          Files.deleteIfExists(file);
        } else if (name.endsWith(RecordFile.SUFFIX)) {
          store.load(file);
        }
      }
    }
    return store;
  }

  private void load(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      NamespaceRecord record = RecordFile.decode(bytes);
      if (!RecordFile.fileNameOf(record.name()).equals(file.getFileName().toString())) {
        throw new RecordFile.DamagedException("it holds the record of another name (a file renamed or copied by hand?)");
      }
      byName.put(record.name(), new Kept(record, bytes.length));
      size++;
    } catch (RecordFile.DamagedException e) {
      damaged++;
      LOG.warn("namespace record file {} skipped, left as it is: {}", file, e.getMessage());
    }
  }

  /**
   * Keeps each record that is newer than the one kept for its name, durably: each written to a
   * temporary file and fsynced, then all renamed and the directory fsynced once. A record that is
   * not whole ({@link RecordFile#isValid}: from a peer, it may be anything) is skipped with a
   * warning. Returns how many were newer.
   */
  synchronized int keep(List<NamespaceRecord> records) throws IOException {
    Map<String, NamespaceRecord> newest = new LinkedHashMap<>();
    for (NamespaceRecord record : records) {
      if (!RecordFile.isValid(record)) {
        LOG.warn("refused a malformed namespace record (a {} with a field missing, an empty name or a version below 1)",
            record.getClass().getSimpleName());
        continue;
      }
      Kept kept = byName.get(record.name());
      NamespaceRecord known = newest.getOrDefault(record.name(), kept == null ? null : kept.record());
      if (known == null || (NamespaceRecord.newer(known, record) == record && !known.equals(record))) {
        newest.put(record.name(), record);
      }
    }
    List<Path> temps = new ArrayList<>();
    try {
      List<Kept> written = new ArrayList<>();
      for (NamespaceRecord record : newest.values()) {
        byte[] file = RecordFile.encode(record);
        Path temp = tempOf(record.name());
        temps.add(temp); // before the write: a failed write leaves no temporary either
        writeSynced(temp, file);
        written.add(new Kept(record, file.length));
      }
      for (Kept kept : written) {
        String name = kept.record().name();
        keepDamagedAside(name);
        ChunkStore.moveAtomically(tempOf(name), dir.resolve(RecordFile.fileNameOf(name)));
        temps.remove(tempOf(name));
        if (byName.put(name, kept) == null) {
          size++;
        }
      }
    } finally {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
    if (!newest.isEmpty()) {
      ChunkStore.fsyncDirectory(dir);
    }
    return newest.size();
  }

  /** A file of this name that is not in the index was skipped as damaged: it may have been newer, so it is kept, renamed. */
  private void keepDamagedAside(String name) throws IOException {
    Path file = dir.resolve(RecordFile.fileNameOf(name));
    if (!byName.containsKey(name) && Files.exists(file)) {
      Path aside = dir.resolve(RecordFile.fileNameOf(name) + DAMAGED_SUFFIX);
      ChunkStore.moveAtomically(file, aside);
      LOG.warn("namespace record file {} (damaged) kept as {}: a new record of its name replaces it", file, aside);
    }
  }

  private Path tempOf(String name) {
    return dir.resolve(RecordFile.fileNameOf(name) + TEMP_SUFFIX);
  }

  private static void writeSynced(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /**
   * Up to {@code limit} (at most {@link #PAGE_RECORDS}) records of the names after {@code startAfter}
   * ("" from the first), in name order, stopping before one that would take the page past
   * {@link #PAGE_BYTES} of record files (a page holds one record at least, whatever its size, so that
   * paging always moves on; a record came in a message, so alone it fits in one).
   */
  Page page(String startAfter, int limit) {
    return page(startAfter, Math.min(limit, PAGE_RECORDS), PAGE_BYTES);
  }

  Page page(String startAfter, int limit, long maxBytes) {
    List<NamespaceRecord> records = new ArrayList<>();
    long bytes = 0;
    for (Kept kept : byName.tailMap(startAfter, false).values()) {
      if (records.size() >= limit || (!records.isEmpty() && bytes + kept.bytes() > maxBytes)) {
        return new Page(records, true);
      }
      records.add(kept.record());
      bytes += kept.bytes();
    }
    return new Page(records, false);
  }

  /** The newest record kept of {@code name}, or null. */
  NamespaceRecord get(String name) {
    Kept kept = byName.get(name);
    return kept == null ? null : kept.record();
  }

  int size() {
    return size;
  }

  /** Record files skipped at start as damaged. */
  int damaged() {
    return damaged;
  }
}
