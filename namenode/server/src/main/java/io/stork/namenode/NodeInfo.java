package io.stork.namenode;

import java.util.List;

/** What placement needs to know of a live storage node. */
public record NodeInfo(String id, String zone, List<String> capabilities, long capacityBytes, long usedBytes) {

  public NodeInfo {
    capabilities = List.copyOf(capabilities);
  }

  public long freeBytes() {
    return capacityBytes - usedBytes;
  }
}
