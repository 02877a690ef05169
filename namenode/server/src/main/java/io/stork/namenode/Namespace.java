package io.stork.namenode;

import io.stork.namenode.journal.JournalEntry;
import io.stork.protocol.ArtifactVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Artifact name to its current committed version, sorted by name. Pure state, no I/O. */
public final class Namespace {
  private final NavigableMap<String, ArtifactVersion> artifacts = new TreeMap<>();

  public ArtifactVersion get(String name) {
    return artifacts.get(name);
  }

  /** Applies a journal entry; returns the version it replaced or removed, if any. */
  public ArtifactVersion apply(JournalEntry entry) {
    if (entry instanceof JournalEntry.Committed committed) {
      return artifacts.put(committed.version().name(), committed.version());
    }
    JournalEntry.Deleted deleted = (JournalEntry.Deleted) entry;
    return artifacts.remove(deleted.name());
  }

  public Collection<ArtifactVersion> all() {
    return artifacts.values();
  }

  public int size() {
    return artifacts.size();
  }

  /** Names starting with {@code prefix}, in order, at most {@code limit}. */
  public List<String> namesStartingWith(String prefix, int limit) {
    List<String> names = new ArrayList<>();
    for (String name : artifacts.tailMap(prefix, true).keySet()) {
      if (!name.startsWith(prefix) || names.size() >= limit) {
        break;
      }
      names.add(name);
    }
    return names;
  }
}
