package io.stork.namenode;

import io.stork.protocol.ByteSizes;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ClusterEvent;
import io.stork.protocol.ClusterEvent.Kind;

/** The cluster's events, each with its numbers and the line that tells it. */
final class Events {
  private Events() {}

  static ClusterEvent joined(String nodeId, int counted, int removed) {
    return event(Kind.NODE_JOINED, nodeId, counted, 0, 0, nodeId + " joined: " + chunks(counted) + " counted"
        + (removed == 0 ? "" : ", " + removed + " surplus removed"));
  }

  /** Safe mode went on or off: {@code line} says which and why. */
  static ClusterEvent safeMode(String line) {
    return event(Kind.SAFE_MODE, "", 0, 0, 0, line);
  }

  static ClusterEvent unreachable(String nodeId, int held) {
    return event(Kind.NODE_UNREACHABLE, nodeId, held, 0, 0, nodeId + " unreachable: no reads from it and no new chunks on it"
        + " until it is back or dead (" + chunks(held) + " there)");
  }

  static ClusterEvent reachable(String nodeId) {
    return event(Kind.NODE_REACHABLE, nodeId, 0, 0, 0, nodeId + " reachable again");
  }

  static ClusterEvent dead(String nodeId, int lost, long bytes) {
    return event(Kind.NODE_DEAD, nodeId, lost, bytes, 0, nodeId + " dead: " + chunks(lost) + " under-replicated ("
        + bytes(bytes) + ")");
  }

  static ClusterEvent lost(String nodeId, int lost, long bytes) {
    return event(Kind.NODE_UNREACHABLE, nodeId, lost, bytes, 0, nodeId + " still unreachable: " + chunks(lost)
        + " under-replicated (" + bytes(bytes) + "), copying them elsewhere");
  }

  static ClusterEvent damaged(String nodeId, ChunkId chunkId, long bytes) {
    return event(Kind.REPLICA_DAMAGED, nodeId, 1, bytes, 0, nodeId + ": damaged replica of chunk " + chunkId
        + " deleted; making another");
  }

  static ClusterEvent healed(int replication, long copied, long bytes, long millis) {
    return event(Kind.HEALED, "", copied, bytes, millis, String.format("healed in %.1f s: all chunks at %d replicas, %s copied (%s)",
        millis / 1000.0, replication, chunks(copied), bytes(bytes)));
  }

  private static ClusterEvent event(Kind kind, String nodeId, long chunks, long bytes, long millis, String message) {
    return new ClusterEvent(kind, System.currentTimeMillis(), nodeId, chunks, bytes, millis, message);
  }

  static String chunks(long count) {
    return count + (count == 1 ? " chunk" : " chunks");
  }

  static String bytes(long bytes) {
    return ByteSizes.format(bytes);
  }
}
