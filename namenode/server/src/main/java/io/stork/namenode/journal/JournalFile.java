package io.stork.namenode.journal;

import io.stork.namenode.Namespace;
import io.stork.protocol.ArtifactVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;

/**
 * The name node's write-ahead journal on disk: replayed once at start, then appended to and
 * fsynced before any change is acknowledged. Blocking; used only from the journal writer actor on
 * the disk dispatcher (and at start-up).
 */
public final class JournalFile implements AutoCloseable {
  private final Path path;
  private FileChannel channel;

  private JournalFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** A journal opened for appending, and everything it held. */
  public record Opened(JournalFile journal, List<JournalEntry> entries, long discardedBytes) {}

  /** Opens the journal, replays it, and cuts off a torn tail left by a crash. */
  public static Opened open(Path path) throws IOException {
    Files.createDirectories(path.getParent());
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long size = channel.size();
      ByteBuffer content = ByteBuffer.allocate(Math.toIntExact(size));
      while (content.hasRemaining() && channel.read(content) >= 0) {
        // read it all
      }
      content.flip();
      JournalCodec.Decoded decoded = JournalCodec.decode(content);
      if (decoded.validBytes() < size) {
        channel.truncate(decoded.validBytes());
        channel.force(true);
      }
      channel.position(decoded.validBytes());
      return new Opened(new JournalFile(path, channel), decoded.entries(), size - decoded.validBytes());
    } catch (IOException | RuntimeException e) {
      closeAfterFailure(channel, e);
      throw e;
    }
  }

  /** Closes what a failed open leaves open; a failure to close is kept beside the first one. */
  private static void closeAfterFailure(AutoCloseable open, Exception failure) {
    try {
      open.close();
    } catch (Exception closeFailed) {
      failure.addSuppressed(closeFailed);
    }
  }

  /**
   * Opens and replays the journal, and compacts it when it holds many more entries than live
   * versions (every update and delete leaves one behind), so that a restart stays quick.
   */
  public static Opened openCompacted(Path path) throws IOException {
    Opened opened = open(path);
    try {
      Namespace live = new Namespace();
      opened.entries().forEach(live::apply);
      if (opened.entries().size() <= 2L * live.size() + 1_000) {
        return opened;
      }
      opened.journal().rewrite(live.all());
      List<JournalEntry> compacted = live.all().stream().<JournalEntry>map(JournalEntry.Committed::new).toList();
      return new Opened(opened.journal(), compacted, opened.discardedBytes());
    } catch (IOException | RuntimeException e) {
      closeAfterFailure(opened.journal(), e);
      throw e;
    }
  }

  /**
   * Appends entries and fsyncs them: when this returns, they survive a crash. When it throws, the
   * entries are cut off again (so a restart cannot replay what was reported as failed); if even
   * that fails, the journal is unusable and the caller must stop taking changes.
   */
  public void append(List<JournalEntry> entries) throws IOException {
    ByteBuffer[] buffers = entries.stream().map(e -> ByteBuffer.wrap(JournalCodec.encode(e))).toArray(ByteBuffer[]::new);
    long total = 0;
    for (ByteBuffer buffer : buffers) {
      total += buffer.remaining();
    }
    long start = channel.position();
    try {
      long written = 0;
      while (written < total) {
        written += channel.write(buffers);
      }
      channel.force(false);
    } catch (IOException e) {
      channel.truncate(start);
      channel.position(start);
      channel.force(true);
      throw e;
    }
  }

  /**
   * Replaces the journal by one {@code commit} record per live artifact (compaction), atomically:
   * written beside, fsynced, renamed over.
   */
  public void rewrite(Collection<ArtifactVersion> live) throws IOException {
    Path temp = path.resolveSibling(path.getFileName() + ".compact");
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      for (ArtifactVersion version : live) {
        ByteBuffer record = ByteBuffer.wrap(JournalCodec.encode(new JournalEntry.Committed(version)));
        while (record.hasRemaining()) {
          out.write(record);
        }
      }
      out.force(true);
    }
    channel.close();
    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.position(channel.size());
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
