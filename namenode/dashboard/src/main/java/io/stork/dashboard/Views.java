package io.stork.dashboard;

import io.stork.protocol.ClusterEvent;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.NodeStatus;
import java.util.List;
import java.util.Map;

/** What the dashboard's JSON holds: plain records, written as they are by Jackson. */
final class Views {
  private Views() {}

  /** The cluster at one moment: what a page draws; {@code seq} grows with each one sent. */
  record State(long seq, long atMillis, ClusterSummary summary, List<NodeStatus> nodes, Healing healing, Placement placement,
               boolean writable) {}

  /**
   * Repair in progress: chunks short of replicas (those with no replica left can't be repaired),
   * copies running, the rate of restored replicas over the last seconds, and when, at that rate,
   * every repairable chunk will have its replicas ({@code etaSeconds}; null when nothing is copied).
   */
  record Healing(boolean healed, long chunksLeft, long bytesLeft, long unavailable, long waiting, int copiesRunning,
                 double chunksPerSecond, double bytesPerSecond, Double etaSeconds) {}

  /** Artifacts by nodes: which node holds how many of an artifact's chunks, and how many replicas are missing. */
  record Placement(List<String> nodes, List<Row> rows, long artifacts, boolean more) {}

  /** One artifact of the map: {@code replicas} by node id; {@code missing} replicas short of chunks x replication. */
  record Row(String name, long version, long size, int chunks, Map<String, Integer> replicas, long missing) {}

  /** One artifact's page: its current version and every chunk with its live replicas. */
  record Artifact(String name, long version, long size, String sha256, long committedAtMillis, List<String> requiredCapabilities,
                  int replication, List<Chunk> chunks, List<NodeStatus> nodes) {}

  record Chunk(int index, String id, int size, List<String> replicas, int missing) {}

  /** A cluster event as the page's log shows it; {@code seq} grows with each one. */
  record Event(long seq, ClusterEvent event) {}
}
