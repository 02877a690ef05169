package io.stork.protocol;

/**
 * The whole store in a few numbers, for {@code list}'s footer, {@code status}, waits, metrics and
 * the dashboard: the settings, the nodes, what is stored, the repair work (copies running now,
 * under-replicated chunks waiting for one, and replicas and their bytes restored since the name
 * node started), the uploads in progress (their leases), and why the name node holds safe mode
 * (empty when it does not: also while it merely waits, just after a start, for the nodes' reports).
 */
public record ClusterSummary(int replication, int chunkSize, int nodesUp, int nodesTotal, long artifacts,
                             long bytes, long chunks, long underReplicatedChunks, long underReplicatedBytes,
                             long unavailableChunks, int copiesInFlight, long chunksRepaired, long bytesRepaired,
                             long repairsWaiting, int uploadsInProgress, String safeMode)
    implements StorkMessage {

  public ClusterSummary {
    safeMode = safeMode == null ? "" : safeMode;
  }

  public boolean inSafeMode() {
    return !safeMode.isEmpty();
  }

  /** Every chunk at its replication factor and no copy running. */
  public boolean healed() {
    return underReplicatedChunks == 0 && copiesInFlight == 0;
  }
}
