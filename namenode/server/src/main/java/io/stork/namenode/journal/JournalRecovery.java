package io.stork.namenode.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator is told when the metadata is damaged, and the cut that {@code --recover-journal}
 * makes on their word: at the first bad record, keeping every byte it removes in a file beside.
 */
final class JournalRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);
  static final String RECOVER_FLAG = "--recover-journal";

  private JournalRecovery() {}

  /** The one line of a refusal to start: which file, which record, which byte, why, and how to recover. */
  static MetadataException refusal(DirImage damaged, Optional<DirImage> intact, long othersDamaged) {
    DirImage.Problem problem = damaged.problem().orElseThrow();
    String behind = intact.map(copy -> "; the intact copy in " + copy.dir() + " reaches only journal sequence "
        + copy.lastSequence() + ", and this one shows sequence " + damaged.evidence()).orElse("");
    String others = othersDamaged > 0 ? " (" + othersDamaged + " other metadata directories are damaged too)" : "";
    String how = problem.cuttable()
        ? "restore the metadata directory from a backup or from another metadata directory, or start once with "
            + RECOVER_FLAG + ", which cuts the journal at this record, keeps what it cuts in a file beside it, and starts "
            + "from the records before it"
        : "restore the metadata directory from a backup or from another metadata directory (" + RECOVER_FLAG
            + " cannot cut a damaged checkpoint)";
    return new MetadataException("the name node's metadata is damaged, so it does not start (nothing was changed): "
        + problem.line() + behind + others + ". To recover: " + how);
  }

  /** What a start with {@link #RECOVER_FLAG} cannot mend: no directory is intact and none can be cut. */
  static MetadataException beyondRecovery(DirImage damaged) {
    return new MetadataException("the name node's metadata is damaged beyond what " + RECOVER_FLAG + " can cut: "
        + damaged.problem().orElseThrow().line() + ". To recover: restore the metadata directory from a backup");
  }

  /**
   * Cuts {@code image}'s journal at its first bad record: the bytes from there to the end of that segment
   * go to {@code <segment>.removed-at-<offset>}, later segments are renamed {@code <segment>.removed};
   * returns the image of what is left, to go on from.
   */
  static DirImage cut(DirImage image) throws IOException {
    DirImage.Problem problem = image.problem().orElseThrow();
    Path segment = image.lastSegment();
    List<String> kept = new ArrayList<>();
    if (Files.exists(segment) && Files.size(segment) > image.appendOffset()) {
      byte[] data = Files.readAllBytes(segment);
      Path removed = segment.resolveSibling(segment.getFileName() + ".removed-at-" + image.appendOffset());
      MetadataFiles.writeDurably(removed, List.of(Arrays.copyOfRange(data, Math.toIntExact(image.appendOffset()), data.length)));
      kept.add((data.length - image.appendOffset()) + " bytes in " + removed);
    }
    for (Path later : image.laterSegments()) {
      Path removed = later.resolveSibling(later.getFileName() + ".removed");
      Files.move(later, removed);
      kept.add(later.getFileName() + " as " + removed);
    }
    MetadataFiles.syncDirectory(image.dir());
    LOG.warn("{}: cut the journal at {}; kept {}; starting from journal sequence {}{}", RECOVER_FLAG, problem.line(),
        kept.isEmpty() ? "nothing (nothing to remove)" : String.join(", ", kept), image.lastSequence(),
        image.evidence() > image.lastSequence() ? " (the journal had reached sequence " + image.evidence()
            + ": what came after the cut is lost unless restored from a backup)" : "");
    return new DirImage(image.dir(), image.covers(), image.checkpoint(), image.entries(), segment, image.appendOffset(), 0,
        List.of(), Optional.empty(), image.lastSequence());
  }
}
