package io.stork.namenode;

import io.stork.namenode.journal.JournalEntry;
import io.stork.protocol.ArtifactVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Artifact name to its current committed version, sorted by name; and, for each deleted name,
 * the version its delete removed, so that a name created again continues its versions (a storage
 * node's tombstone of version 2 must never outrank the manifest of the name's next version).
 * Pure state, no I/O.
 */
public final class Namespace {
  private final NavigableMap<String, ArtifactVersion> artifacts = new TreeMap<>();
  private final Map<String, Long> deleted = new HashMap<>();
  private long bytes;

  public ArtifactVersion get(String name) {
    return artifacts.get(name);
  }

  /** Applies a journal entry; returns the version it replaced or removed, if any. */
  public ArtifactVersion apply(JournalEntry entry) {
    ArtifactVersion before;
    if (entry instanceof JournalEntry.Committed committed) {
      before = artifacts.put(committed.version().name(), committed.version());
      bytes += committed.version().size();
      deleted.remove(entry.name());
    } else {
      before = artifacts.remove(entry.name());
      deleted.merge(entry.name(), ((JournalEntry.Deleted) entry).version(), Math::max);
    }
    bytes -= before == null ? 0 : before.size();
    return before;
  }

  /** The version the delete of {@code name} removed, or 0 when it is not deleted (or never was). */
  public long deletedVersion(String name) {
    return deleted.getOrDefault(name, 0L);
  }

  /**
   * The whole namespace as entries that rebuild it when applied to an empty one: a commit per
   * current version, then a delete per remembered delete. What a checkpoint holds.
   */
  public List<JournalEntry> image() {
    List<JournalEntry> image = new ArrayList<>(artifacts.size() + deleted.size());
    artifacts.values().forEach(version -> image.add(new JournalEntry.Committed(version)));
    new TreeMap<>(deleted).forEach((name, version) -> image.add(new JournalEntry.Deleted(name, version)));
    return image;
  }

  /** A namespace rebuilt from {@link #image}, or from any list of entries in their order. */
  public static Namespace of(List<JournalEntry> entries) {
    Namespace namespace = new Namespace();
    entries.forEach(namespace::apply);
    return namespace;
  }

  /** Deleted names and the versions their deletes removed (a view). */
  public Map<String, Long> deleted() {
    return Collections.unmodifiableMap(deleted);
  }

  /** The size of every current version, summed. */
  public long bytes() {
    return bytes;
  }

  public Collection<ArtifactVersion> all() {
    return artifacts.values();
  }

  public int size() {
    return artifacts.size();
  }

  /** Versions whose names start with {@code prefix}, after {@code startAfter} (empty: from the first), in order, at most {@code limit}. */
  public List<ArtifactVersion> page(String prefix, String startAfter, int limit) {
    List<ArtifactVersion> page = new ArrayList<>();
    boolean fromPrefix = startAfter.compareTo(prefix) < 0;
    for (ArtifactVersion version : (fromPrefix ? artifacts.tailMap(prefix, true) : artifacts.tailMap(startAfter, false)).values()) {
      if (!version.name().startsWith(prefix) || page.size() >= limit) {
        break;
      }
      page.add(version);
    }
    return page;
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
