package io.stork.namenode;

import io.stork.protocol.ByteSizes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the live storage nodes may have room for a whole upload whose size is known before it
 * starts: a node holds at most one replica of each chunk, so at most the upload's size, and at most
 * its own room; nodes on one file system share its room. These are what any placement must meet, so
 * an upload refused here cannot fit; one let through may still find, chunk by chunk, that the room
 * is too cut up (then that chunk's placement says "no space"). A pure function of its inputs.
 */
final class UploadRoom {
  private static final int NODES_NAMED = 5;

  private UploadRoom() {}

  /**
   * Null when {@code replicas} replicas of {@code totalBytes} (-1 or 0: nothing to check) may fit on the
   * live nodes that declare {@code capabilities}; else the one-line reason, naming the nodes with the most room.
   */
  static String shortage(Collection<NodeInfo> live, int replicas, long totalBytes, Collection<String> capabilities) {
    if (totalBytes <= 0) {
      return null;
    }
    Map<String, List<NodeInfo>> volumes = new LinkedHashMap<>();
    for (NodeInfo node : live) {
      if (node.capabilities().containsAll(capabilities)) {
        volumes.computeIfAbsent(node.volume(), v -> new ArrayList<>()).add(node);
      }
    }
    long room = 0;
    for (List<NodeInfo> nodes : volumes.values()) {
      long volumeFree = nodes.stream().mapToLong(NodeInfo::volumeFreeBytes).min().orElse(0);
      long nodesHold = 0;
      for (NodeInfo node : nodes) {
        nodesHold += Math.min(Math.max(0, node.freeBytes()), totalBytes);
      }
      room += Math.min(nodesHold, Math.max(0, volumeFree));
    }
    long needed = totalBytes > Long.MAX_VALUE / replicas ? Long.MAX_VALUE : totalBytes * replicas; // a peer's size may be any long
    if (room >= needed) {
      return null;
    }
    return "no space for " + ByteSizes.format(totalBytes) + " in " + replicas + (replicas == 1 ? " replica" : " replicas")
        + ": the live storage nodes" + (capabilities.isEmpty() ? "" : " with capabilities " + capabilities) + " have room for "
        + ByteSizes.format(room) + " of the " + ByteSizes.format(needed) + " it needs" + mostRoom(volumes);
  }

  /** " (sn-1 19 MiB free, sn-2 12 MiB free; sn-1, sn-2 share a file system with 19 MiB free)", or "" with no node. */
  private static String mostRoom(Map<String, List<NodeInfo>> volumes) {
    List<NodeInfo> nodes = new ArrayList<>();
    volumes.values().forEach(nodes::addAll);
    if (nodes.isEmpty()) {
      return "";
    }
    nodes.sort(Comparator.comparingLong(PlacementPolicy::room).reversed().thenComparing(NodeInfo::id));
    List<String> named = new ArrayList<>();
    for (NodeInfo node : nodes.subList(0, Math.min(NODES_NAMED, nodes.size()))) {
      named.add(node.id() + " " + ByteSizes.format(PlacementPolicy.room(node)) + " free");
    }
    StringBuilder line = new StringBuilder(" (").append(String.join(", ", named)).append(nodes.size() > NODES_NAMED ? ", ..." : "");
    for (List<NodeInfo> shared : volumes.values()) {
      if (shared.size() > 1) {
        long free = shared.stream().mapToLong(NodeInfo::volumeFreeBytes).min().orElse(0);
        line.append("; ").append(String.join(", ", shared.stream().map(NodeInfo::id).toList()))
            .append(" share a file system with ").append(ByteSizes.format(Math.max(0, free))).append(" free");
      }
    }
    return line.append(")").toString();
  }
}
