package io.stork.namenode;

import io.stork.namenode.journal.JournalEntry;
import io.stork.namenode.journal.JournalWriter;
import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The namespace and the way it changes: every change goes to the journal first and becomes
 * visible to readers only once it is durable; later writes are checked against what the namespace
 * will be. Owned by the name node, which hands it the journal's acknowledgements.
 */
final class JournaledNamespace {
  /** A durable change, with the version it replaced or deleted (null: none). */
  record Applied(JournalEntry entry, ArtifactVersion replaced) {}

  private final Namespace durable;
  private final PendingWrites pending = new PendingWrites();
  private final ActorRef<JournalWriter.Command> journal;
  private final ActorRef<JournalWriter.Appended> acks;
  private String journalFailure;

  JournaledNamespace(Namespace durable, ActorRef<JournalWriter.Command> journal, ActorRef<JournalWriter.Appended> acks) {
    this.durable = durable;
    this.journal = journal;
    this.acks = acks;
  }

  /** What readers see: only durable changes. Read it; change it only through {@link #write}. */
  Namespace durable() {
    return durable;
  }

  /** The version {@code name} will have once every write in flight is durable (null: none). */
  ArtifactVersion current(String name) {
    return pending.current(name, durable);
  }

  /** The version a commit of {@code name} gets now: one past its current one, or past the one its delete removed. */
  long nextVersion(String name) {
    ArtifactVersion current = current(name);
    return current != null ? current.version() + 1 : Math.max(durable.deletedVersion(name), pending.deletedVersion(name)) + 1;
  }

  /** Null when {@code name} may be created now ({@code replace = false}), or replaced or deleted; else why not. */
  Refused checkWrite(String name, boolean replace) {
    String problem = ArtifactNames.problem(name);
    if (problem != null) {
      return new Refused(ErrorKind.INVALID, problem);
    }
    if (journalFailure != null) {
      return new Refused(ErrorKind.REFUSED, "the name node refuses changes: " + journalFailure);
    }
    ArtifactVersion current = current(name);
    if (!replace && current != null) {
      return new Refused(ErrorKind.ALREADY_EXISTS, "artifact '" + ArtifactNames.printable(name)
          + "' already exists (use update to replace it)");
    }
    return replace && current == null ? notFound(name) : null;
  }

  /** Journals {@code entry}; {@code onDone} hears null once it is durable and applied, or why it failed. */
  void write(JournalEntry entry, Consumer<Refused> onDone) {
    pending.add(entry, onDone);
    journal.tell(new JournalWriter.Append(entry, acks));
  }

  /**
   * The journal's answer for the oldest writes in flight: each is applied (when durable) and its
   * {@code onDone} told, in order. After a failure every later change is refused.
   */
  List<Applied> acknowledged(JournalWriter.Appended appended) {
    String failure = appended.error();
    if (failure != null) {
      journalFailure = failure;
    }
    Refused refused = failure == null ? null : new Refused(ErrorKind.REFUSED, "the journal write failed: " + failure);
    List<Applied> applied = new ArrayList<>();
    for (PendingWrites.Write write : pending.acknowledge(appended.count())) {
      if (failure == null) {
        applied.add(new Applied(write.entry(), durable.apply(write.entry())));
      }
      write.onDone().accept(refused);
    }
    return applied;
  }

  static Refused notFound(String name) {
    return new Refused(ErrorKind.NOT_FOUND, "artifact '" + ArtifactNames.printable(name) + "' not found");
  }
}
