package io.stork.namenode;

import com.typesafe.config.Config;
import io.stork.protocol.ChunkRef;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The name node's tunables; documented in {@code reference.conf} under {@code stork}. */
public record NameNodeSettings(
    Path dataDir, int replication, int minReplicas, int chunkSize, Duration leaseTimeout, Duration commitRetention,
    int maxChunksPerRequest,
    int maxPageSize, Duration garbageGrace, Duration repairInterval, Duration repairStartupGrace,
    Duration repairFullScanInterval, Duration copyTimeout, int maxCopiesPerNode, long repairBytesPerSecondPerNode,
    Duration unreachableGrace, Duration subscriptionTimeout, List<Path> metadataDirs, int checkpointEntries) {

  public NameNodeSettings {
    if (replication < 1) {
      throw new IllegalArgumentException("replication must be at least 1");
    }
    if (minReplicas < 1 || minReplicas > replication) {
      throw new IllegalArgumentException("min-replicas must be between 1 and the replication factor " + replication);
    }
    if (chunkSize < 1 || chunkSize > ChunkRef.MAX_SIZE) {
      throw new IllegalArgumentException("chunk size must be between 1 byte and 64 MiB");
    }
    metadataDirs = List.copyOf(metadataDirs);
    if (metadataDirs.isEmpty() || metadataDirs.size() != Set.copyOf(metadataDirs).size()) {
      throw new IllegalArgumentException("stork.namenode.metadata-dirs must name one or more distinct directories");
    }
    if (checkpointEntries < 1) {
      throw new IllegalArgumentException("stork.namenode.checkpoint-entries must be at least 1");
    }
  }

  public static NameNodeSettings fromConfig(Config config, Path dataDir) {
    Config stork = config.getConfig("stork");
    int replication = stork.getInt("replication");
    int minReplicas = stork.getString("min-replicas").equals("replication") ? replication : stork.getInt("min-replicas");
    return new NameNodeSettings(dataDir, replication, minReplicas,
        (int) Math.min(Integer.MAX_VALUE, stork.getBytes("chunk-size")),
        stork.getDuration("upload.lease-timeout"),
        stork.getDuration("upload.commit-retention"),
        stork.getInt("upload.max-chunks-per-request"),
        stork.getInt("status.max-page-size"),
        stork.getDuration("garbage-grace"),
        stork.getDuration("repair.interval"),
        stork.getDuration("repair.startup-grace"),
        stork.getDuration("repair.full-scan-interval"),
        stork.getDuration("repair.copy-timeout"),
        stork.getInt("repair.max-copies-per-node"),
        stork.getBytes("repair.bytes-per-second-per-node"),
        stork.getDuration("repair.unreachable-grace"),
        stork.getDuration("events.subscription-timeout"),
        metadataDirs(stork.getStringList("namenode.metadata-dirs"), dataDir),
        stork.getInt("namenode.checkpoint-entries"));
  }

  /** Relative metadata directories are under the data directory. */
  private static List<Path> metadataDirs(List<String> dirs, Path dataDir) {
    try {
      return dirs.stream().map(dir -> dataDir.resolve(dir).toAbsolutePath().normalize()).toList();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("stork.namenode.metadata-dirs: " + e.getMessage(), e);
    }
  }
}
