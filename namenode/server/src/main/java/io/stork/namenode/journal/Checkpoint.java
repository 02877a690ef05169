package io.stork.namenode.journal;

import io.stork.protocol.ArtifactVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A checkpoint: every live version after journal sequence {@code covers}, as records framed like the
 * journal's (sequence = position in the file): a header (what it covers, how many versions follow),
 * then one record per version. Written whole or not at all, so any fault in one is damage.
 */
public record Checkpoint(long covers, List<ArtifactVersion> versions) {

  public Checkpoint {
    versions = List.copyOf(versions);
  }

  /** Writes the checkpoint into {@code dir} durably (temporary file, fsync, rename, directory fsync). */
  public static Path write(Path dir, long covers, Collection<ArtifactVersion> versions) throws IOException {
    List<byte[]> records = new ArrayList<>(versions.size() + 1);
    records.add(RecordFormat.SEQUENCED.frame(0, JournalCodec.json(new JournalCodec.CheckpointHeader(covers, versions.size()))));
    long position = 1;
    for (ArtifactVersion version : versions) {
      records.add(RecordFormat.SEQUENCED.frame(position++, JournalCodec.json(version)));
    }
    Path file = MetadataFiles.checkpoint(dir, covers);
    MetadataFiles.writeDurably(file, records);
    return file;
  }

  /** A checkpoint file read back: the checkpoint, or (empty) what is wrong with it. */
  public record Read(Optional<Checkpoint> checkpoint, Optional<RecordScanner.Damage> damage) {}

  /** Reads {@code file}, which its name says covers journal sequence {@code covers}. */
  public static Read read(Path file, long covers) throws IOException {
    byte[] data = Files.readAllBytes(file);
    RecordScanner.Scan scan = RecordScanner.scan(data, RecordFormat.SEQUENCED, 0);
    if (scan.damage().isPresent()) {
      return new Read(Optional.empty(), scan.damage());
    }
    if (scan.tornBytes() > 0 || scan.records().isEmpty()) {
      return damaged(scan.validBytes(), scan.records().size() + 1L, "the checkpoint is cut short (" + data.length + " bytes)");
    }
    JournalCodec.CheckpointHeader header;
    try {
      header = JournalCodec.checkpointHeader(scan.records().get(0).body());
    } catch (JournalCodec.UnreadableRecordException e) {
      return damaged(0, 1, e.getMessage());
    }
    if (header.covers() != covers || header.versions() != scan.records().size() - 1L) {
      return damaged(0, 1, "its header says it covers sequence " + header.covers() + " with " + header.versions()
          + " versions, but it is named for sequence " + covers + " and holds " + (scan.records().size() - 1));
    }
    List<ArtifactVersion> versions = new ArrayList<>(scan.records().size() - 1);
    long offset = scan.records().get(0).end();
    for (RecordScanner.Record record : scan.records().subList(1, scan.records().size())) {
      try {
        versions.add(JournalCodec.version(record.body()));
      } catch (JournalCodec.UnreadableRecordException e) {
        return damaged(offset, versions.size() + 2L, e.getMessage());
      }
      offset = record.end();
    }
    return new Read(Optional.of(new Checkpoint(covers, versions)), Optional.empty());
  }

  private static Read damaged(long offset, long record, String why) {
    return new Read(Optional.empty(), Optional.of(new RecordScanner.Damage(offset, record, why)));
  }
}
