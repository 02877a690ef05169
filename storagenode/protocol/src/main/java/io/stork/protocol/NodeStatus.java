package io.stork.protocol;

import java.util.List;

/**
 * One storage node as the name node sees it: its state, what it declared when it joined, and what
 * it holds. {@code address} is where its process listens ({@code host:port}; empty in one JVM).
 */
public record NodeStatus(String id, NodeState state, String zone, List<String> capabilities, long chunks,
                         long usedBytes, long capacityBytes, String address) implements StorkMessage {
  public NodeStatus {
    capabilities = List.copyOf(capabilities);
  }

  public boolean isUp() {
    return state == NodeState.UP;
  }
}
