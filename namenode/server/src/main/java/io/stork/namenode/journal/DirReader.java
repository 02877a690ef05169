package io.stork.namenode.journal;

import io.stork.namenode.journal.DirImage.Problem;
import io.stork.namenode.journal.RecordScanner.Damage;
import io.stork.protocol.ArtifactVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads one metadata directory without changing it: its newest checkpoint, then the chain of journal
 * segments after it ({@code segment-(C+1)}, then each next one starting where the one before ends).
 * Every checkpoint is written after the segment that follows it, so a checkpoint without its segment
 * means a file was lost: damage, not an empty journal.
 */
public final class DirReader {
  private DirReader() {}

  public static DirImage read(Path dir) throws IOException {
    List<Path> files = MetadataFiles.files(dir);
    List<Path> checkpoints = files.stream().filter(f -> MetadataFiles.checkpointSequence(f).isPresent()).toList();
    List<Path> segments = files.stream().filter(f -> MetadataFiles.segmentSequence(f).isPresent()).toList();
    if (checkpoints.isEmpty()) {
      for (Path segment : segments) {
        if (Files.size(segment) > 0) {
          return DirImage.broken(dir, new Problem(segment, new Damage(0, 1, "it holds records, but no checkpoint is beside it "
              + "(deleted?)"), false), highestIn(segments));
        }
      }
      return DirImage.empty(dir); // at most the empty segment of a directory whose first checkpoint never came
    }
    Path newest = checkpoints.get(checkpoints.size() - 1);
    long covers = MetadataFiles.checkpointSequence(newest).getAsLong();
    List<Path> chain = segments.stream().filter(s -> MetadataFiles.segmentSequence(s).getAsLong() > covers).toList();
    long evidence = Math.max(covers, highestIn(chain));
    Checkpoint.Read checkpoint = Checkpoint.read(newest, covers);
    if (checkpoint.damage().isPresent()) {
      return DirImage.broken(dir, new Problem(newest, checkpoint.damage().get(), false), evidence);
    }
    List<JournalEntry> versions = checkpoint.checkpoint().orElseThrow().image();
    List<JournalEntry> entries = new ArrayList<>();
    long expected = covers + 1;
    for (int i = 0; i < chain.size(); i++) {
      Path segment = chain.get(i);
      long first = MetadataFiles.segmentSequence(segment).getAsLong();
      List<Path> later = chain.subList(i, chain.size());
      if (first != expected) {
        Path missing = MetadataFiles.segment(dir, expected);
        Problem gap = new Problem(missing, new Damage(0, 1, "this segment is missing (deleted?), and " + segment.getFileName()
            + " comes after it"), true);
        return cut(dir, covers, versions, entries, i == 0 ? missing : chain.get(i - 1), i == 0 ? 0 : Files.size(chain.get(i - 1)),
            later, gap, evidence);
      }
      RecordScanner.Scan scan = RecordScanner.scan(Files.readAllBytes(segment), RecordFormat.SEQUENCED, first);
      long offset = 0;
      for (RecordScanner.Record record : scan.records()) {
        try {
          entries.add(JournalCodec.entry(record.body()));
        } catch (JournalCodec.UnreadableRecordException e) {
          Problem unreadable = new Problem(segment, new Damage(offset, record.sequence() - first + 1, e.getMessage()), true);
          return cut(dir, covers, versions, entries, segment, offset, later.subList(1, later.size()), unreadable, evidence);
        }
        offset = record.end();
      }
      boolean last = i == chain.size() - 1;
      if (scan.damage().isPresent() || (scan.tornBytes() > 0 && !last)) {
        Damage damage = scan.damage().orElse(new Damage(scan.validBytes(), scan.records().size() + 1L,
            "the segment ends in a torn record, but a later segment follows it"));
        return cut(dir, covers, versions, entries, segment, scan.validBytes(), later.subList(1, later.size()),
            new Problem(segment, damage, true), evidence);
      }
      expected += scan.records().size();
      if (last) {
        return new DirImage(dir, covers, versions, entries, segment, scan.validBytes(), scan.tornBytes(),
            List.of(), Optional.empty(), Math.max(evidence, expected - 1));
      }
    }
    Path missing = MetadataFiles.segment(dir, covers + 1);
    return cut(dir, covers, versions, entries, missing, 0, List.of(), new Problem(missing, new Damage(0, 1,
        "the journal segment after " + newest.getFileName() + " is missing (deleted?)"), true), evidence);
  }

  private static DirImage cut(Path dir, long covers, List<JournalEntry> versions, List<JournalEntry> entries, Path segment,
                              long offset, List<Path> later, Problem problem, long evidence) {
    return new DirImage(dir, covers, versions, entries, segment, offset, 0, later,
        Optional.of(problem), evidence);
  }

  /** The highest sequence that any intact record of {@code segments} holds (-1 when none). */
  private static long highestIn(List<Path> segments) throws IOException {
    long highest = -1;
    for (Path segment : segments) {
      byte[] data = Files.readAllBytes(segment);
      int first = RecordScanner.nextIntactRecord(data, RecordFormat.SEQUENCED, 0);
      if (first >= 0) {
        highest = Math.max(highest, RecordScanner.scan(Arrays.copyOfRange(data, first, data.length),
            RecordFormat.SEQUENCED, RecordFormat.SEQUENCED.read(data, first).sequence()).highestSequence());
      }
    }
    return highest;
  }
}
