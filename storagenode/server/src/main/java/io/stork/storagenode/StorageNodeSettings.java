package io.stork.storagenode;

import io.stork.protocol.NodeNames;
import java.nio.file.Path;
import java.util.List;

/** What a storage node is: its id, where it keeps its chunks, and what it declares when it joins. */
public record StorageNodeSettings(String nodeId, Path dataDir, String zone, List<String> capabilities, long capacityBytes,
                                  long scrubBytesPerSecond) {
  public StorageNodeSettings {
    NodeNames.requireValidNodeId(nodeId);
    if (zone != null && !zone.isEmpty() && !NodeNames.isValidLabel(zone)) {
      throw new IllegalArgumentException("invalid zone '" + zone + "': " + NodeNames.LABEL_RULE);
    }
    zone = zone == null ? "" : zone;
    capabilities = List.copyOf(capabilities);
    for (String capability : capabilities) {
      if (!NodeNames.isValidLabel(capability)) {
        throw new IllegalArgumentException("invalid capability '" + capability + "': " + NodeNames.LABEL_RULE);
      }
    }
    if (capacityBytes <= 0) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    if (scrubBytesPerSecond < 0) {
      throw new IllegalArgumentException("scrub rate must not be negative");
    }
  }

  /** Settings with the capacity and scrub pace of {@code stork.storage-node} in {@code config}. */
  public static StorageNodeSettings of(String nodeId, Path dataDir, String zone, List<String> capabilities,
                                       com.typesafe.config.Config config) {
    return new StorageNodeSettings(nodeId, dataDir, zone, capabilities, config.getBytes("stork.storage-node.capacity"),
        config.getBytes("stork.storage-node.scrub-bytes-per-second"));
  }
}
