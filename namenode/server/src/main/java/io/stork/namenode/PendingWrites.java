package io.stork.namenode;

import io.stork.namenode.journal.JournalEntry;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.Refused;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Changes sent to the journal and not yet durable. Later commands are checked against what the
 * namespace will be ("projected"), while readers keep seeing only what is durable. The journal
 * acknowledges in order, so a FIFO queue matches acknowledgements to writes.
 */
final class PendingWrites {
  record Write(JournalEntry entry, Consumer<Refused> onDone) {}

  /** Names with writes in flight, and what they will be (null: deleted). */
  private final Map<String, ArtifactVersion> projected = new HashMap<>();
  private final Map<String, Integer> writesPerName = new HashMap<>();
  private final ArrayDeque<Write> queue = new ArrayDeque<>();

  /** The version {@code name} will have once every pending write is durable. */
  ArtifactVersion current(String name, Namespace durable) {
    return projected.containsKey(name) ? projected.get(name) : durable.get(name);
  }

  /** The highest version a delete of {@code name} in flight removes, or 0. */
  long deletedVersion(String name) {
    long version = 0;
    for (Write write : queue) {
      if (write.entry() instanceof JournalEntry.Deleted deleted && deleted.name().equals(name)) {
        version = Math.max(version, deleted.version());
      }
    }
    return version;
  }

  void add(JournalEntry entry, Consumer<Refused> onDone) {
    projected.put(entry.name(), entry instanceof JournalEntry.Committed c ? c.version() : null);
    writesPerName.merge(entry.name(), 1, Integer::sum);
    queue.add(new Write(entry, onDone));
  }

  /** The next {@code count} writes, now durable (or failed), in order. */
  List<Write> acknowledge(int count) {
    List<Write> done = new ArrayList<>(count);
    for (int i = 0; i < count && !queue.isEmpty(); i++) {
      Write write = queue.poll();
      String name = write.entry().name();
      if (writesPerName.merge(name, -1, Integer::sum) == 0) {
        writesPerName.remove(name);
        projected.remove(name);
      }
      done.add(write);
    }
    return done;
  }
}
