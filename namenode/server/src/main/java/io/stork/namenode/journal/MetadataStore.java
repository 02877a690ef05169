package io.stork.namenode.journal;

import io.stork.namenode.Namespace;
import io.stork.protocol.ArtifactVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name node's durable metadata, in every metadata directory at once: each append is written and
 * fsynced to every directory in use before it counts as done, and every {@code checkpointEntries}
 * entries each directory gets a checkpoint and a fresh journal segment. A directory whose write fails
 * is dropped from use (an ERROR); appends fail only when no directory is left. Blocking; used only by
 * the journal writer on the disk dispatcher.
 */
public final class MetadataStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);

  private final List<MetadataDir> dirs;
  private final int checkpointEntries;
  /** The namespace as the journal has it, for the checkpoints. */
  private final Namespace live = new Namespace();
  private long lastSequence;
  private long sinceCheckpoint;

  MetadataStore(List<MetadataDir> dirs, Collection<JournalEntry> image, long lastSequence, long sinceCheckpoint,
                int checkpointEntries) {
    if (checkpointEntries < 1) {
      throw new IllegalArgumentException("stork.namenode.checkpoint-entries must be at least 1");
    }
    this.dirs = new ArrayList<>(dirs);
    image.forEach(this.live::apply);
    this.lastSequence = lastSequence;
    this.sinceCheckpoint = sinceCheckpoint;
    this.checkpointEntries = checkpointEntries;
  }

  /** The journal sequence of the last entry appended. */
  public long lastSequence() {
    return lastSequence;
  }

  /** The directories still in use. */
  public List<Path> dirs() {
    return dirs.stream().map(MetadataDir::path).toList();
  }

  /**
   * Appends entries to every directory in use and fsyncs them there: when this returns, they survive a
   * crash and the loss of all but one directory. Throws when no directory took them.
   */
  public void append(List<JournalEntry> entries) throws IOException {
    if (dirs.isEmpty()) {
      throw new IOException("no metadata directory is usable");
    }
    List<byte[]> records = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      records.add(JournalCodec.encode(lastSequence + 1 + i, entries.get(i)));
    }
    List<String> failures = new ArrayList<>();
    for (MetadataDir dir : List.copyOf(dirs)) {
      try {
        dir.append(records);
      } catch (IOException e) {
        failures.add(drop(dir, "a journal write", e));
      }
    }
    if (dirs.isEmpty()) {
      throw new IOException(String.join("; ", failures));
    }
    lastSequence += entries.size();
    entries.forEach(live::apply);
    sinceCheckpoint += entries.size();
    if (sinceCheckpoint >= checkpointEntries) {
      checkpoint();
    }
  }

  /** Checkpoints every directory at the last sequence; one that fails is dropped (its journal is still whole). */
  private void checkpoint() {
    for (MetadataDir dir : List.copyOf(dirs)) {
      try {
        dir.checkpoint(lastSequence, live.image());
      } catch (IOException e) {
        drop(dir, "a checkpoint", e);
      }
    }
    sinceCheckpoint = 0;
  }

  private String drop(MetadataDir dir, String what, IOException e) {
    dirs.remove(dir);
    String failure = what + " in " + dir.path() + " failed: " + e.getMessage();
    LOG.error("{}; that metadata directory is no longer used ({} left){}", failure, dirs.size(),
        dirs.isEmpty() ? ": the name node refuses changes" : "; a restart rewrites it from a good one");
    try {
      dir.close();
    } catch (IOException closeFailed) {
      LOG.warn("closing {}: {}", dir.path(), closeFailed.getMessage());
    }
    return failure;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (MetadataDir dir : dirs) {
      try {
        dir.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
