package io.stork.namenode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Decides which chunk copies restore the replication factor: chunks with the fewest live replicas
 * first, from a live replica to a node the placement policy picks, with at most
 * {@code maxCopiesPerNode} copies in flight per node (as source or target). Pure bookkeeping; the
 * name node sends the copies and reports their outcome.
 */
final class RepairPlanner {
  record Copy(String chunkId, String sourceId, String targetId, long startedNanos) {}

  private final int replication;
  private final int maxCopiesPerNode;
  /**
   * Chunks that may have fewer than {@code replication} replicas, bucketed by the live replicas
   * they had when last seen, so the most endangered come first without sorting.
   */
  private final List<Set<String>> endangered = new ArrayList<>();
  private final Map<String, List<Copy>> copiesByChunk = new HashMap<>();
  private final Map<String, Integer> copiesPerNode = new HashMap<>();
  /** Chunks with no live replica cannot be copied: looked at again only once a node (re)joins. */
  private boolean revisitUnavailable;

  RepairPlanner(int replication, int maxCopiesPerNode) {
    this.replication = replication;
    this.maxCopiesPerNode = maxCopiesPerNode;
    for (int count = 0; count < replication; count++) {
      endangered.add(new LinkedHashSet<>());
    }
  }

  /** Notes chunks that may be short of replicas; those that are not are ignored. */
  void endanger(Collection<String> chunkIds, ReplicaMap replicas) {
    for (String chunkId : chunkIds) {
      int count = replicas.replicaCount(chunkId);
      if (replicas.isWanted(chunkId) && count < replication) {
        endangered.get(count).add(chunkId);
      }
    }
  }

  /** A node joined and reported: chunks that had no live replica may have one now. */
  void nodeJoined() {
    revisitUnavailable = true;
  }

  /** The copies to start now, most endangered chunks first, until every node is busy. */
  List<Copy> plan(ReplicaMap replicas, List<NodeInfo> live, Random random, long nowNanos) {
    List<Copy> started = new ArrayList<>();
    boolean saturated = saturated(live);
    for (int bucket = revisitUnavailable ? 0 : 1; bucket < replication && !saturated; bucket++) {
      Iterator<String> chunks = endangered.get(bucket).iterator();
      while (chunks.hasNext() && !saturated) {
        String chunkId = chunks.next();
        int count = replicas.replicaCount(chunkId);
        if (!replicas.isWanted(chunkId) || count >= replication) {
          chunks.remove();
        } else if (count != bucket) {
          chunks.remove();
          endangered.get(count).add(chunkId); // seen again in its own bucket
        } else if (startCopies(chunkId, count, replicas, live, random, nowNanos, started)) {
          saturated = saturated(live); // only a new copy makes nodes busier
        }
      }
    }
    revisitUnavailable = false;
    return started;
  }

  /** Starts the copies one chunk lacks, as far as nodes are free; true when it started any. */
  private boolean startCopies(String chunkId, int count, ReplicaMap replicas, List<NodeInfo> live, Random random,
                              long nowNanos, List<Copy> started) {
    int before = started.size();
    List<String> holders = replicas.replicas(chunkId);
    for (int missing = replication - count - copiesOf(chunkId).size(); missing > 0; missing--) {
      String source = leastBusy(holders);
      if (source == null) {
        break; // no replica to copy from (unavailable), or every holder is busy
      }
      Set<String> excluded = new HashSet<>(holders);
      copiesOf(chunkId).forEach(c -> excluded.add(c.targetId()));
      List<NodeInfo> targets = live.stream().filter(n -> busy(n.id()) < maxCopiesPerNode).toList();
      PlacementPolicy.Placement placement = PlacementPolicy.choose(targets, 1, replicas.chunkSize(chunkId),
          replicas.capabilities(chunkId), excluded, random);
      if (!placement.ok()) {
        break;
      }
      Copy copy = new Copy(chunkId, source, placement.nodeIds().get(0), nowNanos);
      copiesByChunk.computeIfAbsent(chunkId, c -> new ArrayList<>()).add(copy);
      copiesPerNode.merge(copy.sourceId(), 1, Integer::sum);
      copiesPerNode.merge(copy.targetId(), 1, Integer::sum);
      started.add(copy);
    }
    return started.size() > before;
  }

  private List<Copy> copiesOf(String chunkId) {
    return copiesByChunk.getOrDefault(chunkId, List.of());
  }

  /** No live node can take part in one more copy. */
  private boolean saturated(List<NodeInfo> live) {
    return live.stream().allMatch(node -> busy(node.id()) >= maxCopiesPerNode);
  }

  /** A copy ended (either way); returns it, or null when it was not running (expired before). */
  Copy finish(String chunkId, String targetId) {
    List<Copy> running = copiesByChunk.get(chunkId);
    if (running == null) {
      return null;
    }
    for (Copy copy : running) {
      if (copy.targetId().equals(targetId)) {
        release(copy);
        return copy;
      }
    }
    return null;
  }

  /** Gives up on copies started before {@code deadlineNanos}; their chunks stay endangered. */
  List<Copy> expire(long deadlineNanos) {
    List<Copy> expired = new ArrayList<>();
    for (List<Copy> running : copiesByChunk.values()) {
      for (Copy copy : running) {
        if (copy.startedNanos() < deadlineNanos) {
          expired.add(copy);
        }
      }
    }
    expired.forEach(this::release);
    return expired;
  }

  boolean isCopyTarget(String chunkId, String nodeId) {
    return copiesOf(chunkId).stream().anyMatch(c -> c.targetId().equals(nodeId));
  }

  int copiesInFlight() {
    return copiesByChunk.values().stream().mapToInt(List::size).sum();
  }

  /** Nothing endangered and nothing copying: every chunk has its replicas. */
  boolean idle() {
    return copiesByChunk.isEmpty() && endangered.stream().allMatch(Set::isEmpty);
  }

  private void release(Copy copy) {
    List<Copy> running = copiesByChunk.get(copy.chunkId());
    running.remove(copy);
    if (running.isEmpty()) {
      copiesByChunk.remove(copy.chunkId());
    }
    copiesPerNode.merge(copy.sourceId(), -1, Integer::sum);
    copiesPerNode.merge(copy.targetId(), -1, Integer::sum);
  }

  private String leastBusy(List<String> holders) {
    String best = null;
    for (String holder : holders) {
      if (busy(holder) < maxCopiesPerNode && (best == null || busy(holder) < busy(best))) {
        best = holder;
      }
    }
    return best;
  }

  private int busy(String nodeId) {
    return copiesPerNode.getOrDefault(nodeId, 0);
  }
}
