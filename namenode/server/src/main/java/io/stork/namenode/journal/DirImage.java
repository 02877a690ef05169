package io.stork.namenode.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one metadata directory holds, as read at start: its newest checkpoint, the journal entries
 * after it, where appending would go on, and what is wrong with it if anything. For a damaged
 * directory whose damage can be cut off ({@link Problem#cuttable}), the entries are those before the
 * damage and {@code appendOffset} is where the cut would be.
 *
 * @param evidence the highest journal sequence anything intact in the directory shows (also past the
 *                 damage): how far the journal had reached, so that a copy behind it is not taken silently
 */
public record DirImage(Path dir, long covers, List<JournalEntry> checkpoint, List<JournalEntry> entries,
                       Path lastSegment, long appendOffset, long tornBytes, List<Path> laterSegments,
                       Optional<Problem> problem, long evidence) {

  /** What is wrong with a directory, as one line: the file, the record, the byte, and why. */
  public record Problem(Path file, RecordScanner.Damage damage, boolean cuttable) {
    public String line() {
      return file + " record " + damage.recordNumber() + " at byte " + damage.offset() + ": " + damage.why();
    }
  }

  public DirImage {
    checkpoint = List.copyOf(checkpoint);
    entries = List.copyOf(entries);
    laterSegments = List.copyOf(laterSegments);
  }

  static DirImage empty(Path dir) {
    return new DirImage(dir, -1, List.of(), List.of(), null, 0, 0, List.of(), Optional.empty(), -1);
  }

  static DirImage broken(Path dir, Problem problem, long evidence) {
    return new DirImage(dir, -1, List.of(), List.of(), null, 0, 0, List.of(), Optional.of(problem), evidence);
  }

  /** Holds nothing: no checkpoint, no record. */
  public boolean isEmpty() {
    return covers < 0 && problem.isEmpty();
  }

  public boolean isIntact() {
    return covers >= 0 && problem.isEmpty();
  }

  /** Damaged, but a cut at the first bad record leaves a usable directory ({@code --recover-journal}). */
  public boolean isCuttable() {
    return problem.isPresent() && problem.get().cuttable();
  }

  /** The last journal sequence it reaches (for a cuttable one: before the damage). */
  public long lastSequence() {
    return covers + entries.size();
  }

  /** The namespace it holds, as an image: the checkpoint with the entries applied. */
  public List<JournalEntry> image() {
    io.stork.namenode.Namespace namespace = io.stork.namenode.Namespace.of(checkpoint);
    entries.forEach(namespace::apply);
    return namespace.image();
  }
}
