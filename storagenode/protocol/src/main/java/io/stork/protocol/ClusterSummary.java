package io.stork.protocol;

/**
 * The whole store in a few numbers, for {@code list}'s footer, {@code status} and waits: the
 * settings, the nodes, what is stored, and the repair work (copies running now, and replicas and
 * their bytes restored since the name node started).
 */
public record ClusterSummary(int replication, int chunkSize, int nodesUp, int nodesTotal, long artifacts,
                             long bytes, long chunks, long underReplicatedChunks, long underReplicatedBytes,
                             long unavailableChunks, int copiesInFlight, long chunksRepaired, long bytesRepaired)
    implements StorkMessage {

  /** Every chunk at its replication factor and no copy running. */
  public boolean healed() {
    return underReplicatedChunks == 0 && copiesInFlight == 0;
  }
}
