package io.stork.namenode.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A checkpoint: the namespace after journal sequence {@code covers} as its image (a commit entry per
 * live version, a delete entry per remembered delete; {@link io.stork.namenode.Namespace#image}),
 * as records framed like the journal's (sequence = position in the file): a header (what it covers,
 * how many entries follow), then one record per entry. Written whole or not at all, so any fault in
 * one is damage.
 */
public record Checkpoint(long covers, List<JournalEntry> image) {

  public Checkpoint {
    image = List.copyOf(image);
  }

  /** Writes the checkpoint into {@code dir} durably (temporary file, fsync, rename, directory fsync). */
  public static Path write(Path dir, long covers, Collection<JournalEntry> image) throws IOException {
    List<byte[]> records = new ArrayList<>(image.size() + 1);
    records.add(RecordFormat.SEQUENCED.frame(0, JournalCodec.json(new JournalCodec.CheckpointHeader(covers, image.size()))));
    long position = 1;
    for (JournalEntry entry : image) {
      records.add(RecordFormat.SEQUENCED.frame(position++, JournalCodec.json(entry)));
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
    if (header.covers() != covers || header.entries() != scan.records().size() - 1L) {
      return damaged(0, 1, "its header says it covers sequence " + header.covers() + " with " + header.entries()
          + " entries, but it is named for sequence " + covers + " and holds " + (scan.records().size() - 1));
    }
    List<JournalEntry> image = new ArrayList<>(scan.records().size() - 1);
    long offset = scan.records().get(0).end();
    for (RecordScanner.Record record : scan.records().subList(1, scan.records().size())) {
      try {
        image.add(JournalCodec.entry(record.body()));
      } catch (JournalCodec.UnreadableRecordException e) {
        return damaged(offset, image.size() + 2L, e.getMessage());
      }
      offset = record.end();
    }
    return new Read(Optional.of(new Checkpoint(covers, image)), Optional.empty());
  }

  private static Read damaged(long offset, long record, String why) {
    return new Read(Optional.empty(), Optional.of(new RecordScanner.Damage(offset, record, why)));
  }
}
