package io.stork.namenode;

import io.stork.protocol.ByteSizes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Chooses the nodes for the replicas of one chunk. A pure function of its inputs:
 *
 * <ol>
 *   <li>only nodes that declare every required capability, have room for the chunk and are not
 *       excluded (they already hold it, or just failed) are candidates;
 *   <li>every replica on a distinct node;
 *   <li>when nodes declare zones, replicas go to as many distinct zones as there are;
 *   <li>within that, the least used nodes first (by used bytes, ties broken by the random source so
 *       that equal nodes share the load).
 * </ol>
 */
public final class PlacementPolicy {
  private PlacementPolicy() {}

  /** The nodes chosen, or why none could be: {@code noSpace} when live nodes lack only the room. */
  public record Placement(List<String> nodeIds, String error, boolean noSpace) {
    public static Placement failed(String error, boolean noSpace) {
      return new Placement(List.of(), error, noSpace);
    }

    public boolean ok() {
      return error == null;
    }
  }

  public static Placement choose(
      Collection<NodeInfo> liveNodes, int replicas, long chunkBytes, Collection<String> requiredCapabilities,
      Set<String> excluded, Random random) {
    List<NodeInfo> candidates = new ArrayList<>();
    int suitable = 0;
    for (NodeInfo node : liveNodes) {
      if (!excluded.contains(node.id()) && node.capabilities().containsAll(requiredCapabilities)) {
        suitable++;
        if (node.freeBytes() >= chunkBytes && node.volumeFreeBytes() >= chunkBytes) {
          candidates.add(node);
        }
      }
    }
    if (candidates.size() < replicas) {
      boolean noSpace = suitable >= replicas;
      return Placement.failed(noSpace ? noSpace(liveNodes, excluded, replicas, chunkBytes, requiredCapabilities)
          : shortage(liveNodes.size(), candidates.size(), replicas, requiredCapabilities, excluded), noSpace);
    }
    // Shuffle first so that the stable sort breaks ties at random.
    java.util.Collections.shuffle(candidates, random);
    candidates.sort(Comparator.comparingLong(NodeInfo::usedBytes));

    List<String> chosen = new ArrayList<>(replicas);
    Set<String> zonesUsed = new HashSet<>();
    // First pass: one replica per zone, least used node of each zone first.
    for (NodeInfo node : candidates) {
      if (chosen.size() == replicas) {
        break;
      }
      if (!node.zone().isEmpty() && zonesUsed.add(node.zone())) {
        chosen.add(node.id());
      }
    }
    // Second pass: fill up with the least used remaining nodes (zones repeat only when they must).
    for (NodeInfo node : candidates) {
      if (chosen.size() == replicas) {
        break;
      }
      if (!chosen.contains(node.id())) {
        chosen.add(node.id());
      }
    }
    return new Placement(List.copyOf(chosen), null, false);
  }

  /** "no space for a 1 MiB chunk on 3 nodes: 1 of the live storage nodes has room (sn-1 3 MiB free, sn-2 512 KiB free, ...)". */
  private static String noSpace(Collection<NodeInfo> liveNodes, Set<String> excluded, int replicas, long chunkBytes,
                                Collection<String> capabilities) {
    List<NodeInfo> suitable = new ArrayList<>();
    for (NodeInfo node : liveNodes) {
      if (!excluded.contains(node.id()) && node.capabilities().containsAll(capabilities)) {
        suitable.add(node);
      }
    }
    suitable.sort(Comparator.comparingLong(PlacementPolicy::room).reversed().thenComparing(NodeInfo::id));
    long withRoom = suitable.stream().filter(node -> room(node) >= chunkBytes).count();
    List<String> named = suitable.stream().limit(3).map(node -> node.id() + " " + ByteSizes.format(room(node)) + " free").toList();
    return "no space for a " + ByteSizes.format(chunkBytes) + " chunk on " + replicas + (replicas == 1 ? " node" : " nodes") + ": "
        + withRoom + " of the " + (excluded.isEmpty() ? "" : "other ") + "live storage nodes"
        + (capabilities.isEmpty() ? "" : " with capabilities " + capabilities) + (withRoom == 1 ? " has" : " have") + " room ("
        + String.join(", ", named) + (suitable.size() > named.size() ? ", ..." : "") + ")";
  }

  /** The room a node has: its own, and at most its file system's. */
  static long room(NodeInfo node) {
    return Math.max(0, Math.min(node.freeBytes(), node.volumeFreeBytes()));
  }

  /** "need 3 live storage nodes with capabilities [ssd] and room besides sn-2, have 1 (of 5 live)". */
  private static String shortage(int live, int suitable, int replicas, Collection<String> capabilities, Set<String> excluded) {
    String what = capabilities.isEmpty() ? "with room" : "with capabilities " + capabilities + " and room";
    String besides = excluded.isEmpty() ? "" : " besides " + String.join(", ", new java.util.TreeSet<>(excluded));
    return "need " + replicas + " live storage " + (replicas == 1 ? "node " : "nodes ") + what + besides + ", have " + suitable
        + (suitable == live ? "" : " (of " + live + " live)");
  }
}
