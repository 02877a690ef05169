package io.stork.namenode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which live storage nodes hold each chunk that a committed version references. A chunk absent
 * from this map is not wanted (an orphan). Replicas on dead nodes are not here: they are dropped
 * when the node dies and come back when it reports again.
 */
public final class ReplicaMap {
  private final Map<String, Entry> chunks = new HashMap<>();
  private final Map<String, Set<String>> chunksByNode = new HashMap<>();

  private static final class Entry {
    final int size;
    /** Capabilities every replica's node must have (shared by all chunks of a version). */
    final List<String> capabilities;
    final List<String> nodes = new ArrayList<>(3);

    Entry(int size, List<String> capabilities) {
      this.size = size;
      this.capabilities = capabilities;
    }
  }

  /** Declares a chunk wanted (idempotent). */
  public void addChunk(String chunkId, int size, List<String> capabilities) {
    chunks.computeIfAbsent(chunkId, id -> new Entry(size, capabilities));
  }

  public boolean isWanted(String chunkId) {
    return chunks.containsKey(chunkId);
  }

  /** Forgets a chunk; returns the nodes that held it (to delete it there). */
  public List<String> removeChunk(String chunkId) {
    Entry entry = chunks.remove(chunkId);
    if (entry == null) {
      return List.of();
    }
    for (String node : entry.nodes) {
      Set<String> held = chunksByNode.get(node);
      if (held != null) {
        held.remove(chunkId);
      }
    }
    return entry.nodes;
  }

  /** Records a replica; false when the chunk is not wanted or the node already had it. */
  public boolean addReplica(String chunkId, String nodeId) {
    Entry entry = chunks.get(chunkId);
    if (entry == null || entry.nodes.contains(nodeId)) {
      return false;
    }
    entry.nodes.add(nodeId);
    chunksByNode.computeIfAbsent(nodeId, n -> new HashSet<>()).add(chunkId);
    return true;
  }

  public boolean removeReplica(String chunkId, String nodeId) {
    Entry entry = chunks.get(chunkId);
    Set<String> held = chunksByNode.get(nodeId);
    if (held != null) {
      held.remove(chunkId);
    }
    return entry != null && entry.nodes.remove(nodeId);
  }

  /** Drops every replica of a node (it died); returns the chunks that lost one. */
  public Set<String> dropNode(String nodeId) {
    Set<String> held = chunksByNode.remove(nodeId);
    if (held == null) {
      return Set.of();
    }
    for (String chunkId : held) {
      Entry entry = chunks.get(chunkId);
      if (entry != null) {
        entry.nodes.remove(nodeId);
      }
    }
    return held;
  }

  public List<String> replicas(String chunkId) {
    Entry entry = chunks.get(chunkId);
    return entry == null ? List.of() : List.copyOf(entry.nodes);
  }

  public int replicaCount(String chunkId) {
    Entry entry = chunks.get(chunkId);
    return entry == null ? 0 : entry.nodes.size();
  }

  public int chunkSize(String chunkId) {
    Entry entry = chunks.get(chunkId);
    return entry == null ? 0 : entry.size;
  }

  public List<String> capabilities(String chunkId) {
    Entry entry = chunks.get(chunkId);
    return entry == null ? List.of() : entry.capabilities;
  }

  public int chunksOn(String nodeId) {
    Set<String> held = chunksByNode.get(nodeId);
    return held == null ? 0 : held.size();
  }

  public Collection<String> chunkIds() {
    return chunks.keySet();
  }

  public int size() {
    return chunks.size();
  }
}
