package io.stork.namenode.journal;

import io.stork.namenode.Namespace;
import io.stork.protocol.ArtifactVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of Stork before metadata directories, {@code <data-dir>/journal.log}: read once, with the
 * same torn-tail and damage rules, to become the first checkpoint; then renamed
 * {@code journal.log.migrated}, kept for the operator.
 */
final class LegacyJournal {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyJournal.class);

  /** What the old journal held: the namespace as its image, and how many records. */
  record Read(List<JournalEntry> image, long records) {}

  private LegacyJournal() {}

  static Path path(Path dataDir) {
    return dataDir.resolve("journal.log");
  }

  static Path migrated(Path dataDir) {
    return dataDir.resolve("journal.log.migrated");
  }

  /** Reads the journal being migrated; damage refuses the start unless {@code recover} cuts it (keeping a copy). */
  static Read read(Path file, boolean recover) throws IOException {
    byte[] data = Files.readAllBytes(file);
    RecordScanner.Scan scan = RecordScanner.scan(data, RecordFormat.LEGACY, 0);
    Namespace namespace = new Namespace();
    long offset = 0;
    long records = 0;
    for (RecordScanner.Record record : scan.records()) {
      JournalEntry entry;
      try {
        entry = JournalCodec.entry(record.body());
      } catch (JournalCodec.UnreadableRecordException e) {
        return damaged(file, data, new RecordScanner.Damage(offset, records + 1, e.getMessage()), namespace, records, recover);
      }
      namespace.apply(entry);
      records++;
      offset = record.end();
    }
    if (scan.damage().isPresent()) {
      return damaged(file, data, scan.damage().get(), namespace, records, recover);
    }
    if (scan.tornBytes() > 0) {
      LOG.warn("{} ended in a record torn by a crash: {} bytes dropped (never acknowledged)", file, scan.tornBytes());
    }
    return new Read(namespace.image(), records);
  }

  private static Read damaged(Path file, byte[] data, RecordScanner.Damage damage, Namespace before, long records,
                              boolean recover) throws IOException {
    DirImage.Problem problem = new DirImage.Problem(file, damage, true);
    if (!recover) {
      throw new MetadataException("the name node's journal is damaged, so it does not start (nothing was changed): "
          + problem.line() + ". To recover: restore " + file + " from a backup, or start once with "
          + JournalRecovery.RECOVER_FLAG + ", which cuts it at this record, keeps what it cuts in a file beside it, and "
          + "starts from the records before it");
    }
    Path removed = file.resolveSibling(file.getFileName() + ".removed-at-" + damage.offset());
    MetadataFiles.writeDurably(removed, List.of(Arrays.copyOfRange(data, Math.toIntExact(damage.offset()), data.length)));
    LOG.warn("{}: cut {} at {}; kept the {} bytes removed in {}", JournalRecovery.RECOVER_FLAG, file, problem.line(),
        data.length - damage.offset(), removed);
    return new Read(before.image(), records);
  }
}
