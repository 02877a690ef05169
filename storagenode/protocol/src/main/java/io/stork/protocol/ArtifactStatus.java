package io.stork.protocol;

import java.util.List;

/**
 * One artifact's current version and its replication health: {@code liveReplicas} summed over its
 * chunks, against {@code chunks * replication} wanted; {@code minLiveReplicas} is the fewest live
 * replicas any one chunk has.
 */
public record ArtifactStatus(String name, long version, long size, String sha256, int chunks, long liveReplicas,
                             int minLiveReplicas, long committedAtMillis, List<String> requiredCapabilities)
    implements StorkMessage {
  public ArtifactStatus {
    requiredCapabilities = List.copyOf(requiredCapabilities);
  }
}
