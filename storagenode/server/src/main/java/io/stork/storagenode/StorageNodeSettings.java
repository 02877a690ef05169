package io.stork.storagenode;

import io.stork.protocol.NodeNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a storage node is: its id, where it keeps its chunks, and what it declares when it joins;
 * how much it may hold ({@code capacityBytes}, and the {@code reserveBytes} it leaves free on its
 * disk); how fast it scrubs; how often it looks whether its room has changed; and how long it keeps
 * trashed orphans ({@code orphanGrace}, {@code stork.orphan-grace}).
 */
public record StorageNodeSettings(String nodeId, Path dataDir, String zone, List<String> capabilities, long capacityBytes,
                                  long scrubBytesPerSecond, long reserveBytes, Duration spaceCheckInterval,
                                  Duration orphanGrace) {
  /** The documented default of {@code stork.orphan-grace}. */
  public static final Duration DEFAULT_ORPHAN_GRACE = Duration.ofHours(6);

  /** Settings that keep trashed orphans for {@link #DEFAULT_ORPHAN_GRACE}. */
  public StorageNodeSettings(String nodeId, Path dataDir, String zone, List<String> capabilities, long capacityBytes,
                             long scrubBytesPerSecond, long reserveBytes, Duration spaceCheckInterval) {
    this(nodeId, dataDir, zone, capabilities, capacityBytes, scrubBytesPerSecond, reserveBytes, spaceCheckInterval,
        DEFAULT_ORPHAN_GRACE);
  }

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
    if (reserveBytes < 0) {
      throw new IllegalArgumentException("the reserve must not be negative");
    }
    if (spaceCheckInterval.isNegative() || spaceCheckInterval.isZero()) {
      throw new IllegalArgumentException("the space check interval must be positive");
    }
    if (orphanGrace.isNegative()) {
      throw new IllegalArgumentException("the orphan grace must not be negative");
    }
  }

  /**
   * Settings with the capacity, scrub pace, reserve and space check interval of {@code stork.storage-node}
   * in {@code config}, and its {@code stork.orphan-grace}.
   */
  public static StorageNodeSettings of(String nodeId, Path dataDir, String zone, List<String> capabilities,
                                       com.typesafe.config.Config config) {
    return new StorageNodeSettings(nodeId, dataDir, zone, capabilities, config.getBytes("stork.storage-node.capacity"),
        config.getBytes("stork.storage-node.scrub-bytes-per-second"), config.getBytes("stork.storage-node.reserve"),
        config.getDuration("stork.storage-node.space-check-interval"), config.getDuration("stork.orphan-grace"));
  }
}
