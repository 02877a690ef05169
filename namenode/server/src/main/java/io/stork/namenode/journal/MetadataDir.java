package io.stork.namenode.journal;

import io.stork.protocol.ArtifactVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;

/**
 * One metadata directory in use: the journal segment being appended to, and the checkpoints that
 * restart it. Blocking; used from the journal writer on the disk dispatcher (and at start-up).
 */
public final class MetadataDir implements AutoCloseable {
  private final Path dir;
  private FileChannel segment;
  private long covers;

  private MetadataDir(Path dir, FileChannel segment, long covers) {
    this.dir = dir;
    this.segment = segment;
    this.covers = covers;
  }

  public Path path() {
    return dir;
  }

  /** Goes on appending where {@code image} ends: a torn tail (or, once recovery has kept a copy, damage) is cut off. */
  static MetadataDir adopt(DirImage image) throws IOException {
    FileChannel channel = FileChannel.open(image.lastSegment(), StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      if (channel.size() > image.appendOffset()) {
        channel.truncate(image.appendOffset());
      }
      channel.force(true);
      MetadataFiles.syncDirectory(image.dir());
      channel.position(image.appendOffset());
      MetadataDir adopted = new MetadataDir(image.dir(), channel, image.covers());
      adopted.removeObsolete(image.lastSegment());
      return adopted;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Starts {@code dir} afresh with a checkpoint of {@code image} at sequence {@code covers} (its files must be gone). */
  static MetadataDir create(Path dir, long covers, Collection<JournalEntry> image) throws IOException {
    Files.createDirectories(dir);
    MetadataDir created = new MetadataDir(dir, openSegment(dir, covers + 1), covers);
    try {
      Checkpoint.write(dir, covers, image);
      return created;
    } catch (IOException | RuntimeException e) {
      created.close();
      throw e;
    }
  }

  /**
   * Appends records and fsyncs them: when this returns, they survive a crash. When it throws, they are
   * cut off again (so that a restart cannot replay what was reported as failed), as far as the disk lets.
   */
  void append(List<byte[]> records) throws IOException {
    ByteBuffer[] buffers = records.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new);
    long total = records.stream().mapToLong(r -> r.length).sum();
    long start = segment.position();
    try {
      long written = 0;
      while (written < total) {
        written += segment.write(buffers);
      }
      segment.force(false);
    } catch (IOException e) {
      try {
        segment.truncate(start);
        segment.position(start);
        segment.force(true);
      } catch (IOException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
  }

  /**
   * Restarts the journal after a checkpoint of {@code image} at sequence {@code last}, so that no step
   * can lose anything: the new empty segment first (a reader follows the chain of segments into it),
   * then the checkpoint (temporary file, fsync, rename, directory fsync), and only then are the old
   * checkpoint and segments deleted.
   */
  void checkpoint(long last, Collection<JournalEntry> image) throws IOException {
    FileChannel next = openSegment(dir, last + 1);
    segment.close();
    segment = next;
    Checkpoint.write(dir, last, image);
    covers = last;
    removeObsolete(MetadataFiles.segment(dir, last + 1));
  }

  /** Deletes the checkpoints older than the newest, the segments it covers, and temporary files left by a crash. */
  private void removeObsolete(Path current) throws IOException {
    Path newest = MetadataFiles.checkpoint(dir, covers);
    List<Path> obsolete = MetadataFiles.files(dir).stream().filter(file -> !file.equals(newest) && !file.equals(current))
        .filter(file -> MetadataFiles.checkpointSequence(file).isPresent()
            || MetadataFiles.segmentSequence(file).stream().anyMatch(first -> first <= covers)
            || (MetadataFiles.isMetadata(file) && file.getFileName().toString().endsWith(MetadataFiles.TEMP_SUFFIX)))
        .toList();
    MetadataFiles.delete(dir, obsolete);
  }

  private static FileChannel openSegment(Path dir, long first) throws IOException {
    FileChannel channel = FileChannel.open(MetadataFiles.segment(dir, first), StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      channel.force(true);
      MetadataFiles.syncDirectory(dir);
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    segment.close();
  }
}
