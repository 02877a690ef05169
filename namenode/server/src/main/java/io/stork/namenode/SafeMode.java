package io.stork.namenode;

import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.NamespaceRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the name node may delete what it does not know, and take new uploads. After a start it
 * is on ({@link State#WAITING}) until every storage node it found has reported its chunks and its
 * records of the namespace; it then goes off, unless what the nodes hold says the namespace is
 * behind them ({@link State#HELD}): a record of a change the namespace lacks that proves it lost it,
 * an empty namespace beside manifests (or beside chunks, when the metadata was found lost), or far
 * more unknown chunks than known ones (which also holds an empty namespace beside many chunks). Held, it stays on until an
 * operator recovers the namespace from the nodes or leaves it by hand. Plain logic: the replica
 * keeper feeds it and acts on its answers.
 */
final class SafeMode {
  enum State { WAITING, HELD, OFF }

  /** More unknown chunks than this many per known one (beyond {@link #UNKNOWN_SLACK}) look like a lost namespace. */
  static final int UNKNOWN_PER_KNOWN = 2;
  /** Unknown chunks that never hold it: a few abandoned uploads. */
  static final int UNKNOWN_SLACK = 256;

  /** The namespace as the keeper knows it: name to current version. */
  private final Map<String, Long> versions = new HashMap<>();
  /** Deleted names, with the version their delete removed. */
  private final Map<String, Long> deleted = new HashMap<>();
  /** The journal sequence the metadata reached at the start. */
  private final long sequence;
  /** The metadata was found lost at the start. */
  private final boolean metadataLost;
  /** Records on the nodes that the namespace lacks: newer versions, or names it does not have, by name. */
  private final Map<String, NamespaceRecord> ahead = new TreeMap<>();
  private State state = State.WAITING;
  private boolean leftByHand;

  SafeMode(KnownNamespace known) {
    known.committed().forEach(version -> versions.put(version.name(), version.version()));
    deleted.putAll(known.deleted());
    sequence = known.sequence();
    metadataLost = known.lost();
  }

  State state() {
    return state;
  }

  boolean isOn() {
    return state != State.OFF;
  }

  void committed(String name, long version) {
    versions.put(name, version);
    deleted.remove(name);
    NamespaceRecord record = ahead.get(name);
    if (record != null && record.version() <= version) {
      ahead.remove(name);
    }
  }

  void deleted(String name, long version) {
    versions.remove(name);
    deleted.merge(name, version, Math::max);
    NamespaceRecord record = ahead.get(name);
    if (record != null && record.version() <= version) {
      ahead.remove(name);
    }
  }

  /**
   * A node's record. One newer than what the namespace knows of its name (a current version, or
   * the version a delete removed) proves the namespace lost a change: records are sent only once a
   * change is journaled. A manifest of a name the namespace has never heard of may be that too, or
   * an artifact whose delete the node missed and the namespace forgot: both are kept, for
   * {@code recover}, and only the first kind holds safe mode alone.
   */
  void recordSeen(NamespaceRecord record) {
    if (isNewer(record)) {
      ahead.merge(record.name(), record, NamespaceRecord::newer);
    }
  }

  private boolean isNewer(NamespaceRecord record) {
    Long current = versions.get(record.name());
    if (current != null) {
      return record.version() > current || (record instanceof NamespaceRecord.Tombstone && record.version() == current);
    }
    Long gone = deleted.get(record.name());
    return record instanceof NamespaceRecord.Manifest && (gone == null || record.version() > gone);
  }

  /**
   * A record the namespace lacks proves it lost a change when the namespace knows the name (it has
   * it, or remembers its delete), or when the record was journaled past the sequence the metadata
   * reaches: a journal cut short, or metadata restored from an older backup.
   */
  private boolean proves(NamespaceRecord record) {
    return versions.containsKey(record.name()) || deleted.containsKey(record.name()) || record.sequence() > sequence;
  }

  /** Records the namespace lacks, newest per name, in name order: what {@code recover} restores. */
  List<NamespaceRecord> ahead() {
    return List.copyOf(ahead.values());
  }

  /**
   * Decides, once the nodes found have all reported ({@code allReported}), given how many chunks
   * the namespace wants ({@code known}) and how many reported chunks it does not know ({@code unknown}).
   * Returns the reason it is on, or null when it is off.
   */
  String decide(boolean allReported, long known, long unknown) {
    if (state == State.OFF) {
      String reason = leftByHand ? null : holdReason(known, unknown);
      if (reason != null) {
        state = State.HELD; // a node that came back later shows the namespace is behind
      }
      return reason;
    }
    if (!allReported) {
      return "waiting for the storage nodes to report what they hold";
    }
    String reason = holdReason(known, unknown);
    state = reason == null ? State.OFF : State.HELD;
    return reason;
  }

  private String holdReason(long known, long unknown) {
    if (versions.isEmpty() && deleted.isEmpty() && (!ahead.isEmpty() || (metadataLost && unknown > 0))) {
      return "the namespace is empty but the storage nodes hold " + unknown + " chunk(s) and " + ahead.size()
          + " artifact manifest(s); " + HOW;
    }
    List<NamespaceRecord> proven = ahead.values().stream().filter(this::proves).toList();
    if (!proven.isEmpty()) {
      NamespaceRecord first = proven.get(0);
      return "the storage nodes hold " + proven.size() + " change(s) newer than the name node's metadata (e.g. '"
          + ArtifactNames.printable(first.name()) + "' version " + first.version() + "); " + HOW;
    }
    if (unknown > UNKNOWN_PER_KNOWN * known + UNKNOWN_SLACK) {
      return "the storage nodes hold far more unknown chunks (" + unknown + ") than the namespace knows (" + known + "); " + HOW;
    }
    return null;
  }

  private static final String HOW = "run 'recover' to rebuild the namespace from the storage nodes' manifests, "
      + "or 'safemode leave' to keep the namespace as it is (unknown chunks then go to the nodes' trash)";

  /** An operator's word: off now, whatever the nodes hold (until the next start). */
  void leaveByHand() {
    state = State.OFF;
    leftByHand = true;
    ahead.clear();
  }
}
