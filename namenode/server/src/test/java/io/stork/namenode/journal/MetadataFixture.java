package io.stork.namenode.journal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stork.namenode.Namespace;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** Versions, namespaces, damaged files and captured log lines for the metadata tests. */
final class MetadataFixture {
  private MetadataFixture() {}

  static ArtifactVersion version(String name, long number) {
    return new ArtifactVersion(name, number, 5, "ab".repeat(32),
        List.of(new ChunkRef(ChunkId.parse("0123456789abcdef0123456789abcdef"), 5, 77)), 1234L, List.of("ssd"));
  }

  static JournalEntry commit(String name, long number) {
    return new JournalEntry.Committed(version(name, number));
  }

  /** The namespace {@code entries} make, by name. */
  static Map<String, ArtifactVersion> namespace(List<JournalEntry> entries) {
    Namespace namespace = new Namespace();
    entries.forEach(namespace::apply);
    return byName(List.copyOf(namespace.all()));
  }

  static Map<String, ArtifactVersion> byName(List<ArtifactVersion> versions) {
    Map<String, ArtifactVersion> byName = new TreeMap<>();
    versions.forEach(v -> byName.put(v.name(), v));
    return byName;
  }

  static MetadataOpener.Opened open(Path dataDir, List<Path> dirs, int checkpointEntries, boolean recover) throws IOException {
    return MetadataOpener.open(dirs, dataDir, checkpointEntries, recover);
  }

  /** Opens, appends {@code entries} one at a time, closes. */
  static void write(Path dataDir, List<Path> dirs, int checkpointEntries, List<JournalEntry> entries) throws IOException {
    try (MetadataStore store = open(dataDir, dirs, checkpointEntries, false).store()) {
      for (JournalEntry entry : entries) {
        store.append(List.of(entry));
      }
    }
  }

  /** The namespace a reopen finds (the store closed again). */
  static Map<String, ArtifactVersion> reopen(Path dataDir, List<Path> dirs, boolean recover) throws IOException {
    MetadataOpener.Opened opened = open(dataDir, dirs, 1_000, recover);
    opened.store().close();
    return byName(List.copyOf(io.stork.namenode.Namespace.of(opened.image()).all()));
  }

  static List<Path> files(Path dir, String prefix) throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
  }

  static Path onlySegment(Path dir) throws IOException {
    List<Path> segments = files(dir, "segment-").stream().filter(f -> f.toString().endsWith(".log")).toList();
    if (segments.size() != 1) {
      throw new AssertionError("one segment expected in " + dir + ": " + segments);
    }
    return segments.get(0);
  }

  static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int b = raf.read();
      raf.seek(offset);
      raf.write(b ^ 0x10);
    }
  }

  static void zero(Path file, long offset, int length) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      raf.write(new byte[length]);
    }
  }

  static void truncate(Path file, long length) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(length);
    }
  }

  /** Where each record of a segment starts (and, last, where the file ends). */
  static List<Integer> recordStarts(Path segment, long firstSequence) throws IOException {
    byte[] data = Files.readAllBytes(segment);
    List<Integer> starts = new ArrayList<>(List.of(0));
    RecordScanner.scan(data, RecordFormat.SEQUENCED, firstSequence).records().forEach(r -> starts.add(r.end()));
    return starts;
  }

  /** The WARN and ERROR lines of the metadata classes while it is open. */
  static final class Log implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.stork.namenode.journal");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    Log() {
      appender.start();
      logger.addAppender(appender);
    }

    List<String> at(Level level) {
      return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
    }
  }
}
