package io.stork.storagenode;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** What a storage node is: its id, where it keeps its chunks, and what it declares when it joins. */
public record StorageNodeSettings(String nodeId, Path dataDir, String zone, List<String> capabilities, long capacityBytes,
                                  long scrubBytesPerSecond) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}");

  public StorageNodeSettings {
    requireValidNodeId(nodeId);
    if (zone != null && !zone.isEmpty() && !LABEL.matcher(zone).matches()) {
      throw new IllegalArgumentException("invalid zone '" + zone + "': letters, digits, '_', '.', ':', '-'");
    }
    zone = zone == null ? "" : zone;
    capabilities = List.copyOf(capabilities);
    for (String capability : capabilities) {
      if (!LABEL.matcher(capability).matches()) {
        throw new IllegalArgumentException("invalid capability '" + capability + "': letters, digits, '_', '.', ':', '-'");
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

  public static boolean isValidNodeId(String nodeId) {
    return nodeId != null && ID.matcher(nodeId).matches();
  }

  public static String requireValidNodeId(String nodeId) {
    if (!isValidNodeId(nodeId)) {
      throw new IllegalArgumentException("invalid node id: letters, digits, '_', '.', '-', at most 63, starting with a letter or digit");
    }
    return nodeId;
  }
}
