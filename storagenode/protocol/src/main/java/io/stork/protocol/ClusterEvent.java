package io.stork.protocol;

/**
 * Something that happened to the cluster, as the name node tells its subscribers: what
 * ({@code kind}), when, to which node (empty: the whole store), how many chunks and bytes it
 * concerns, how long it took (0 when it is no span of time), and a line that says it all.
 */
public record ClusterEvent(Kind kind, long atMillis, String nodeId, long chunks, long bytes, long durationMillis,
                           String message) implements StorkMessage {

  public enum Kind {
    NODE_JOINED, NODE_UNREACHABLE, NODE_REACHABLE, NODE_DEAD, REPLICA_DAMAGED, HEALED, SAFE_MODE
  }
}
