package io.stork.protocol;

import java.util.List;

/**
 * One storage node as the name node sees it: its state, what it declared when it joined, and what
 * it holds. {@code address} is where its process listens ({@code host:port}; empty in one JVM).
 * {@code capacityBytes} follows the node's disk: it shrinks as the file system fills up.
 */
public record NodeStatus(String id, NodeState state, String zone, List<String> capabilities, long chunks,
                         long usedBytes, long capacityBytes, String address) implements StorkMessage {
  public NodeStatus {
    capabilities = List.copyOf(capabilities);
  }

  public boolean isUp() {
    return state == NodeState.UP;
  }

  /** The room it has left: its capacity (the smaller of its limit and its disk, less its reserve) less what it holds or was promised. */
  public long freeBytes() {
    return Math.max(0, capacityBytes - usedBytes);
  }

  /** Less than a tenth of its capacity is free (or none at all). */
  public boolean isNearFull() {
    return freeBytes() < capacityBytes / 10 || freeBytes() == 0;
  }
}
