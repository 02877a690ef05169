package io.stork.protocol;

import java.util.List;

/**
 * What {@code list} shows: every node and every artifact with its replication health, and the
 * repair work: copies running now, and chunk replicas (and their bytes) restored since the name node
 * started.
 */
public record ClusterStatus(int replication, int chunkSize, List<NodeStatus> nodes, List<ArtifactStatus> artifacts,
                            long underReplicatedChunks, long unavailableChunks, int copiesInFlight, long chunksRepaired,
                            long bytesRepaired)
    implements StorkMessage {

  public record NodeStatus(String id, String state, String zone, List<String> capabilities, long chunks,
                           long usedBytes, long capacityBytes) implements StorkMessage {}

  /**
   * One artifact: {@code liveReplicas} summed over its chunks, against {@code chunks * replication}
   * wanted; {@code minLiveReplicas} is the fewest live replicas any one chunk has.
   */
  public record ArtifactStatus(String name, long version, long size, int chunks, long liveReplicas,
                               int minLiveReplicas, long committedAtMillis) implements StorkMessage {}
}
