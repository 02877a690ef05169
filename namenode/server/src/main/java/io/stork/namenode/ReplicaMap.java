package io.stork.namenode;

import io.stork.protocol.ChunkId;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>Compact, because the name node holds one entry per chunk of the whole store: replicas are
 * small node numbers in a {@code short[]}, keyed by the {@link ChunkId} instance the version's
 * {@link ChunkRef} already holds, and there is no per-node index (a node's death scans the map once
 * instead).
 */
public final class ReplicaMap {
  private static final short[] NONE = new short[0];

  private final Map<ChunkId, Entry> chunks = new HashMap<>();
  private final List<String> nodeNames = new ArrayList<>();
  private final Map<String, Short> nodeNumbers = new HashMap<>();
  private final Map<String, Integer> chunksPerNode = new HashMap<>();
  /** Chunks of deleted or replaced versions in their grace: still here (a reader may finish on them), never copied. */
  private final Set<ChunkId> retiring = new HashSet<>();

  private static final class Entry {
    /** Repeats the ChunkRef's size; dropping it saves nothing (with 8-byte alignment the entry is 24 bytes either way). */
    final int size;
    /** Capabilities every replica's node must have (shared by all chunks of a version). */
    final List<String> capabilities;
    short[] nodes = NONE;

    Entry(int size, List<String> capabilities) {
      this.size = size;
      this.capabilities = capabilities;
    }

    int indexOf(short node) {
      for (int i = 0; i < nodes.length; i++) {
        if (nodes[i] == node) {
          return i;
        }
      }
      return -1;
    }

    boolean remove(short node) {
      int at = indexOf(node);
      if (at < 0) {
        return false;
      }
      short[] fewer = new short[nodes.length - 1];
      System.arraycopy(nodes, 0, fewer, 0, at);
      System.arraycopy(nodes, at + 1, fewer, at, nodes.length - at - 1);
      nodes = fewer;
      return true;
    }
  }

  /** Declares a chunk wanted (idempotent). */
  public void addChunk(ChunkId chunkId, int size, List<String> capabilities) {
    chunks.computeIfAbsent(chunkId, id -> new Entry(size, capabilities));
  }

  public boolean isWanted(ChunkId chunkId) {
    return chunks.containsKey(chunkId);
  }

  /** No version wants the chunk any more: it stays until collected, but a lost replica of it is not made again. */
  public void retire(Collection<ChunkId> chunkIds) {
    chunkIds.stream().filter(chunks::containsKey).forEach(retiring::add);
  }

  /** Wanted and not retired: a chunk whose missing replicas repair makes again, and status counts. */
  public boolean needsReplicas(ChunkId chunkId) {
    return chunks.containsKey(chunkId) && !retiring.contains(chunkId);
  }

  /** Forgets a chunk; returns the nodes that held it (to delete it there). */
  public List<String> removeChunk(ChunkId chunkId) {
    Entry entry = chunks.remove(chunkId);
    retiring.remove(chunkId);
    if (entry == null) {
      return List.of();
    }
    List<String> holders = names(entry.nodes);
    holders.forEach(node -> chunksPerNode.merge(node, -1, Integer::sum));
    return holders;
  }

  /** Records a replica; false when the chunk is not wanted or the node already had it. */
  public boolean addReplica(ChunkId chunkId, String nodeId) {
    Entry entry = chunks.get(chunkId);
    short node = number(nodeId);
    if (entry == null || entry.indexOf(node) >= 0) {
      return false;
    }
    short[] more = Arrays.copyOf(entry.nodes, entry.nodes.length + 1);
    more[entry.nodes.length] = node;
    entry.nodes = more;
    chunksPerNode.merge(nodeId, 1, Integer::sum);
    return true;
  }

  public boolean removeReplica(ChunkId chunkId, String nodeId) {
    Entry entry = chunks.get(chunkId);
    Short node = nodeNumbers.get(nodeId); // never numbers an id only a report names
    if (entry != null && node != null && entry.remove(node)) {
      chunksPerNode.merge(nodeId, -1, Integer::sum);
      return true;
    }
    return false;
  }

  /** Drops every replica of a node (it died); returns the chunks that lost one. */
  public Set<ChunkId> dropNode(String nodeId) {
    Set<ChunkId> lost = new HashSet<>();
    if (chunksPerNode.getOrDefault(nodeId, 0) == 0) {
      return lost;
    }
    short node = nodeNumbers.get(nodeId);
    chunks.forEach((chunkId, entry) -> {
      if (entry.remove(node)) {
        lost.add(chunkId);
      }
    });
    chunksPerNode.remove(nodeId);
    return lost;
  }

  public List<String> replicas(ChunkId chunkId) {
    Entry entry = chunks.get(chunkId);
    return entry == null ? List.of() : names(entry.nodes);
  }

  public int replicaCount(ChunkId chunkId) {
    Entry entry = chunks.get(chunkId);
    return entry == null ? 0 : entry.nodes.length;
  }

  public int chunkSize(ChunkId chunkId) {
    Entry entry = chunks.get(chunkId);
    return entry == null ? 0 : entry.size;
  }

  public List<String> capabilities(ChunkId chunkId) {
    Entry entry = chunks.get(chunkId);
    return entry == null ? List.of() : entry.capabilities;
  }

  public int chunksOn(String nodeId) {
    return chunksPerNode.getOrDefault(nodeId, 0);
  }

  public Collection<ChunkId> chunkIds() {
    return chunks.keySet();
  }

  public int size() {
    return chunks.size();
  }

  private short number(String nodeId) {
    Short known = nodeNumbers.get(nodeId);
    if (known != null) {
      return known;
    }
    if (nodeNames.size() == Short.MAX_VALUE) {
      throw new IllegalStateException("more than " + Short.MAX_VALUE + " storage node ids");
    }
    short number = (short) nodeNames.size();
    nodeNames.add(nodeId);
    nodeNumbers.put(nodeId, number);
    return number;
  }

  private List<String> names(short[] nodes) {
    List<String> names = new ArrayList<>(nodes.length);
    for (short node : nodes) {
      names.add(nodeNames.get(node));
    }
    return names;
  }
}
