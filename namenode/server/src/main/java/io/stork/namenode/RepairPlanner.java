package io.stork.namenode;

import io.stork.protocol.ChunkId;
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
 * {@code maxCopiesPerNode} copies in flight per node (as source or target). Pure bookkeeping: the
 * replica keeper's {@link Repairs} asks the source nodes for the copies and reports their outcome.
 */
final class RepairPlanner {
  record Copy(ChunkId chunkId, String sourceId, String targetId, long startedNanos) {}

  private final int replication;
  private int maxCopiesPerNode;
  private final RepairBandwidth bandwidth;
  /**
   * Chunks that may have fewer than {@code replication} replicas, bucketed by the live replicas
   * they had when last seen, so the most endangered come first without sorting.
   */
  private final List<Set<ChunkId>> endangered = new ArrayList<>();
  private final Map<ChunkId, List<Copy>> copiesByChunk = new HashMap<>();
  private final Map<String, Integer> copiesPerNode = new HashMap<>();
  /**
   * Chunks no copy can help now (no live replica, or no node to take one) wait here until the
   * membership changes, instead of being planned again on every tick.
   */
  private final Set<ChunkId> parked = new LinkedHashSet<>();

  RepairPlanner(int replication, int maxCopiesPerNode, long bytesPerSecondPerNode) {
    this.replication = replication;
    this.maxCopiesPerNode = maxCopiesPerNode;
    this.bandwidth = new RepairBandwidth(bytesPerSecondPerNode);
    for (int count = 0; count < replication; count++) {
      endangered.add(new LinkedHashSet<>());
    }
  }

  /** New limits, at once: copies per node at a time (at least 1), and bytes per second per node (0: no limit). */
  void setLimits(int copiesPerNode, long bytesPerSecondPerNode) {
    if (copiesPerNode < 1) {
      throw new IllegalArgumentException("at least one copy per node at a time");
    }
    this.maxCopiesPerNode = copiesPerNode;
    bandwidth.setRate(bytesPerSecondPerNode);
  }

  int maxCopiesPerNode() {
    return maxCopiesPerNode;
  }

  long bytesPerSecondPerNode() {
    return bandwidth.rate();
  }

  /** Chunks waiting for a copy (not counting copies running). */
  int queued() {
    return parked.size() + endangered.stream().mapToInt(Set::size).sum();
  }

  /** Notes chunks that may be short of replicas; those that are not are ignored. */
  void endanger(Collection<ChunkId> chunkIds, ReplicaMap replicas) {
    for (ChunkId chunkId : chunkIds) {
      int count = replicas.replicaCount(chunkId);
      if (replicas.needsReplicas(chunkId) && count < replication) {
        endangered.get(count).add(chunkId);
      }
    }
  }

  /** A node joined and reported: parked chunks may have a replica, or a target, now. */
  void nodeJoined() {
    endangered.get(0).addAll(parked); // bucket 0 sends each on to its own bucket when seen
    parked.clear();
  }

  /** The copies to start now, most endangered chunks first, until every node is busy. */
  List<Copy> plan(ReplicaMap replicas, List<NodeInfo> live, Random random, long nowNanos) {
    List<Copy> started = new ArrayList<>();
    boolean saturated = saturated(live, nowNanos);
    for (int bucket = 0; bucket < replication && !saturated; bucket++) {
      Iterator<ChunkId> chunks = endangered.get(bucket).iterator();
      while (chunks.hasNext() && !saturated) {
        ChunkId chunkId = chunks.next();
        int count = replicas.replicaCount(chunkId);
        if (!replicas.needsReplicas(chunkId) || count >= replication) {
          chunks.remove();
        } else if (count != bucket) {
          chunks.remove();
          endangered.get(count).add(chunkId); // seen again in its own bucket
        } else {
          Outcome outcome = startCopies(chunkId, count, replicas, live, random, nowNanos, started);
          if (outcome == Outcome.STARTED) {
            saturated = saturated(live, nowNanos); // only a new copy makes nodes busier
          } else if (outcome == Outcome.HOPELESS) {
            chunks.remove();
            parked.add(chunkId);
          }
        }
      }
    }
    return started;
  }

  private enum Outcome { STARTED, BUSY, HOPELESS }

  /** Starts the copies one chunk lacks, as far as nodes are free. */
  private Outcome startCopies(ChunkId chunkId, int count, ReplicaMap replicas, List<NodeInfo> live, Random random,
                              long nowNanos, List<Copy> started) {
    int before = started.size();
    List<String> holders = replicas.replicas(chunkId);
    if (holders.isEmpty()) {
      return Outcome.HOPELESS; // no live replica to copy from
    }
    int size = replicas.chunkSize(chunkId);
    for (int missing = replication - count - copiesOf(chunkId).size(); missing > 0; missing--) {
      String source = leastBusy(holders, size, nowNanos);
      if (source == null) {
        break; // every holder is busy, or spent its repair bandwidth: next time
      }
      Set<String> excluded = new HashSet<>(holders);
      copiesOf(chunkId).forEach(c -> excluded.add(c.targetId()));
      if (PlacementPolicy.choose(live, 1, replicas.chunkSize(chunkId), replicas.capabilities(chunkId), excluded, random).error() != null) {
        return started.size() > before ? Outcome.STARTED : Outcome.HOPELESS; // no node could ever take it now
      }
      List<NodeInfo> targets = live.stream()
          .filter(n -> busy(n.id()) < maxCopiesPerNode && bandwidth.allows(n.id(), size, nowNanos)).toList();
      PlacementPolicy.Placement placement = PlacementPolicy.choose(targets, 1, replicas.chunkSize(chunkId),
          replicas.capabilities(chunkId), excluded, random);
      if (!placement.ok()) {
        break; // suitable nodes exist but are busy: next time
      }
      Copy copy = new Copy(chunkId, source, placement.nodeIds().get(0), nowNanos);
      copiesByChunk.computeIfAbsent(chunkId, c -> new ArrayList<>()).add(copy);
      copiesPerNode.merge(copy.sourceId(), 1, Integer::sum);
      copiesPerNode.merge(copy.targetId(), 1, Integer::sum);
      bandwidth.spend(copy.sourceId(), size, nowNanos);
      bandwidth.spend(copy.targetId(), size, nowNanos);
      started.add(copy);
    }
    return started.size() > before ? Outcome.STARTED : Outcome.BUSY;
  }

  private List<Copy> copiesOf(ChunkId chunkId) {
    return copiesByChunk.getOrDefault(chunkId, List.of());
  }

  /** No live node can take part in one more copy (all at their copies, or out of repair bandwidth). */
  private boolean saturated(List<NodeInfo> live, long nowNanos) {
    return live.stream().allMatch(node -> busy(node.id()) >= maxCopiesPerNode || !bandwidth.allows(node.id(), 1, nowNanos));
  }

  /** A copy ended (either way); returns it, or null when it was not running (expired before). */
  Copy finish(ChunkId chunkId, String targetId) {
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

  boolean isCopying(ChunkId chunkId) {
    return copiesByChunk.containsKey(chunkId);
  }

  boolean isCopyTarget(ChunkId chunkId, String nodeId) {
    return copiesOf(chunkId).stream().anyMatch(c -> c.targetId().equals(nodeId));
  }

  int copiesInFlight() {
    return copiesByChunk.values().stream().mapToInt(List::size).sum();
  }

  /** Nothing endangered and nothing copying: every chunk has its replicas. */
  boolean idle() {
    return copiesByChunk.isEmpty() && parked.isEmpty() && endangered.stream().allMatch(Set::isEmpty);
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

  private String leastBusy(List<String> holders, long bytes, long nowNanos) {
    String best = null;
    for (String holder : holders) {
      if (busy(holder) < maxCopiesPerNode && bandwidth.allows(holder, bytes, nowNanos) && (best == null || busy(holder) < busy(best))) {
        best = holder;
      }
    }
    return best;
  }

  private int busy(String nodeId) {
    return copiesPerNode.getOrDefault(nodeId, 0);
  }
}
