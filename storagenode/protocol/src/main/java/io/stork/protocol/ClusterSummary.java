package io.stork.protocol;

/**
 * The whole store in a few numbers, for {@code list}'s footer, {@code status}, waits, metrics and
 * the dashboard: the settings, the nodes, what is stored, the repair work (copies running now,
 * under-replicated chunks waiting for one, and replicas and their bytes restored since the name
 * node started), and the uploads in progress (their leases).
 */
public record ClusterSummary(int replication, int chunkSize, int nodesUp, int nodesTotal, long artifacts,
                             long bytes, long chunks, long underReplicatedChunks, long underReplicatedBytes,
                             long unavailableChunks, int copiesInFlight, long chunksRepaired, long bytesRepaired,
                             long repairsWaiting, int uploadsInProgress)
    implements StorkMessage {

  /** Every chunk at its replication factor and no copy running. */
  public boolean healed() {
    return underReplicatedChunks == 0 && copiesInFlight == 0;
  }
}
