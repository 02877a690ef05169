package io.stork.namenode.journal;

import io.stork.protocol.ArtifactVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the name node's metadata at start: reads every metadata directory, takes the best copy (the
 * intact one reaching the highest journal sequence), and rewrites from it every directory that is
 * empty, behind or damaged (a damaged one's files kept aside). It refuses to start, with one line,
 * when no directory is intact, or when a damaged one shows the journal had gone further than the best
 * copy: only {@code recover} (the operator's {@code --recover-journal}) cuts a journal. On a first
 * start it migrates {@code <data-dir>/journal.log}.
 */
public final class MetadataOpener {
  private static final Logger LOG = LoggerFactory.getLogger(MetadataOpener.class);
  /** In the data directory: where the metadata lives; its presence says that this name node had metadata before. */
  static final String MARKER = "metadata-dirs.txt";

  private MetadataOpener() {}

  /**
   * The metadata, opened for appending, and the namespace it holds (as its image:
   * {@link io.stork.namenode.Namespace#of}); {@code lost}: every directory was empty although this
   * name node had metadata before (its marker says so).
   */
  public record Opened(MetadataStore store, List<JournalEntry> image, boolean lost) {}

  public static Opened open(List<Path> dirs, Path dataDir, int checkpointEntries, boolean recover) throws IOException {
    if (dirs.isEmpty()) {
      throw new IllegalArgumentException("stork.namenode.metadata-dirs needs at least one directory");
    }
    List<DirImage> images = new ArrayList<>();
    for (Path dir : dirs) {
      images.add(DirReader.read(dir));
    }
    Path legacy = LegacyJournal.path(dataDir);
    if (images.stream().allMatch(DirImage::isEmpty)) {
      return fresh(dirs, dataDir, legacy, checkpointEntries, recover);
    }
    if (Files.exists(legacy)) {
      LOG.warn("{} is not read: the metadata directories hold the namespace (a migration from it was done, or cut short by a "
          + "crash after it had written them); move it away", legacy);
    }
    DirImage best = best(images, recover);
    List<JournalEntry> bestImage = best.image();
    List<MetadataDir> open = new ArrayList<>();
    long sinceCheckpoint = 0;
    for (DirImage read : images) {
      DirImage image = read.dir().equals(best.dir()) ? best : read; // the best one may have been cut by recovery
      try {
        if (image == best || (image.isIntact() && image.lastSequence() == best.lastSequence())) {
          if (image.tornBytes() > 0) {
            LOG.warn("the journal in {} ended in a record torn by a crash: {} bytes dropped (never acknowledged)", image.dir(),
                image.tornBytes());
          }
          open.add(MetadataDir.adopt(image));
          sinceCheckpoint = Math.max(sinceCheckpoint, image.entries().size());
        } else {
          open.add(rewrite(image, best, bestImage));
        }
      } catch (IOException e) {
        LOG.error("metadata directory {} cannot be written ({}); it is not used", image.dir(), e.getMessage());
      }
    }
    if (open.isEmpty()) {
      throw new MetadataException("no metadata directory can be written: " + dirs);
    }
    mark(dataDir, dirs);
    LOG.info("metadata: {} artifacts at journal sequence {}, from {}; in use: {}", live(bestImage), best.lastSequence(), best.dir(),
        open.stream().map(MetadataDir::path).toList());
    return new Opened(new MetadataStore(open, bestImage, best.lastSequence(), sinceCheckpoint, checkpointEntries), bestImage, false);
  }

  /** The copy to start from; refuses when that would silently lose what a damaged copy shows, unless {@code recover}. */
  private static DirImage best(List<DirImage> images, boolean recover) throws IOException {
    Comparator<DirImage> furthest = Comparator.comparingLong(DirImage::lastSequence);
    Optional<DirImage> intact = images.stream().filter(DirImage::isIntact).max(furthest);
    List<DirImage> damaged = images.stream().filter(image -> image.problem().isPresent()).toList();
    Optional<DirImage> worst = damaged.stream().max(Comparator.comparingLong(DirImage::evidence));
    boolean ahead = worst.isPresent() && (intact.isEmpty() || worst.get().evidence() > intact.get().lastSequence());
    if (!ahead) {
      if (recover) {
        LOG.info("{}: the metadata needs no cut", JournalRecovery.RECOVER_FLAG);
      }
      return intact.orElseThrow();
    }
    if (!recover) {
      throw JournalRecovery.refusal(worst.get(), intact, damaged.size() - 1L);
    }
    Optional<DirImage> cuttable = damaged.stream().filter(DirImage::isCuttable).max(furthest);
    if (cuttable.isPresent() && (intact.isEmpty() || cuttable.get().lastSequence() > intact.get().lastSequence())) {
      return JournalRecovery.cut(cuttable.get());
    }
    if (intact.isPresent()) {
      LOG.warn("{}: starting from {} at journal sequence {}; the damaged copies showed sequence {}, what came after is lost "
          + "unless restored from a backup", JournalRecovery.RECOVER_FLAG, intact.get().dir(), intact.get().lastSequence(),
          worst.get().evidence());
      return intact.get();
    }
    throw JournalRecovery.beyondRecovery(worst.get());
  }

  /** Rewrites a directory that is empty, behind or damaged from the best copy, keeping its old files aside. */
  private static MetadataDir rewrite(DirImage image, DirImage best, List<JournalEntry> bestImage) throws IOException {
    String state = image.isEmpty() ? "empty" : image.isIntact() ? "behind (journal sequence " + image.lastSequence() + " of "
        + best.lastSequence() + ")" : "damaged (" + image.problem().orElseThrow().line() + ")";
    Path aside = MetadataFiles.moveAside(image.dir(), image.isIntact() ? "behind" : "damaged");
    MetadataDir rewritten = MetadataDir.create(image.dir(), best.lastSequence(), bestImage);
    LOG.warn("metadata directory {} was {}; rewritten from {}{}", image.dir(), state, best.dir(),
        aside == null ? "" : " (its files kept in " + aside + ")");
    return rewritten;
  }

  /** Every directory empty: a first start, a migration from journal.log, or metadata that is gone. */
  private static Opened fresh(List<Path> dirs, Path dataDir, Path legacy, int checkpointEntries, boolean recover)
      throws IOException {
    List<JournalEntry> image = List.of();
    long sequence = 0;
    boolean lost = false;
    if (Files.exists(legacy)) {
      LegacyJournal.Read read = LegacyJournal.read(legacy, recover);
      image = read.image();
      sequence = read.records();
    } else if (Files.exists(dataDir.resolve(MARKER))) {
      lost = true;
      LOG.warn("the name node's metadata is empty: every metadata directory ({}) is empty or missing, although {} says this "
          + "name node had metadata; starting with an empty namespace (restore the directories from a backup to get it back)",
          dirs, dataDir.resolve(MARKER));
    }
    List<MetadataDir> open = new ArrayList<>();
    for (Path dir : dirs) {
      MetadataFiles.moveAside(dir, "unused"); // a stray temporary file, an empty segment: nothing of value, but kept
      open.add(MetadataDir.create(dir, sequence, image));
    }
    if (Files.exists(legacy)) {
      Path migrated = LegacyJournal.migrated(dataDir);
      Files.move(legacy, migrated);
      MetadataFiles.syncDirectory(dataDir);
      LOG.info("migrated {} ({} records, {} artifacts) into the metadata directories {}; the old file is kept as {}", legacy,
          sequence, live(image), dirs, migrated);
    }
    mark(dataDir, dirs);
    return new Opened(new MetadataStore(open, image, sequence, 0, checkpointEntries), image, lost);
  }

  /** How many artifacts an image holds (its commits). */
  private static long live(List<JournalEntry> image) {
    return image.stream().filter(JournalEntry.Committed.class::isInstance).count();
  }

  private static void mark(Path dataDir, List<Path> dirs) throws IOException {
    Path marker = dataDir.resolve(MARKER);
    String content = "# the name node's metadata directories (stork.namenode.metadata-dirs)\n"
        + String.join("\n", dirs.stream().map(Path::toString).toList()) + "\n";
    if (!Files.exists(marker) || !Files.readString(marker).equals(content)) {
      Files.createDirectories(dataDir);
      MetadataFiles.writeDurably(marker, List.of(content.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
