package io.stork.namenode;

import java.util.List;

/**
 * What placement needs to know of a live storage node. Nodes of one {@code volume} share a file
 * system, whose room ({@code volumeFreeBytes}, {@link Long#MAX_VALUE} when not known) bounds them all.
 */
public record NodeInfo(String id, String zone, List<String> capabilities, long capacityBytes, long usedBytes, String volume,
                       long volumeFreeBytes) {

  public NodeInfo {
    capabilities = List.copyOf(capabilities);
  }

  /** A node on a file system of its own, whose room is its capacity's. */
  public NodeInfo(String id, String zone, List<String> capabilities, long capacityBytes, long usedBytes) {
    this(id, zone, capabilities, capacityBytes, usedBytes, "node " + id, Long.MAX_VALUE);
  }

  public long freeBytes() {
    return capacityBytes - usedBytes;
  }
}
