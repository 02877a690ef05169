package io.stork.storagenode;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** What a storage node is: its id, where it keeps its chunks, and what it declares when it joins. */
public record StorageNodeSettings(String nodeId, Path dataDir, String zone, List<String> capabilities, long capacityBytes,
                                  long scrubBytesPerSecond) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}");
  /** What a zone or a capability may be, in words, for error messages. */
  public static final String LABEL_RULE = "1 to 63 letters, digits, '_', '.', ':', '-', starting with a letter or digit";

  public StorageNodeSettings {
    requireValidNodeId(nodeId);
    if (zone != null && !zone.isEmpty() && !isValidLabel(zone)) {
      throw new IllegalArgumentException("invalid zone '" + zone + "': " + LABEL_RULE);
    }
    zone = zone == null ? "" : zone;
    capabilities = List.copyOf(capabilities);
    for (String capability : capabilities) {
      if (!isValidLabel(capability)) {
        throw new IllegalArgumentException("invalid capability '" + capability + "': " + LABEL_RULE);
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

  /** Whether {@code label} may name a zone or a capability (the rule is {@link #LABEL_RULE}). */
  public static boolean isValidLabel(String label) {
    return label != null && LABEL.matcher(label).matches();
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
