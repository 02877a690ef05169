package io.stork.namenode;

import java.util.HashMap;
import java.util.Map;

/**
 * The bytes per second each storage node may spend on repair copies, as a token bucket per node
 * (as source or target), so that repair leaves room for clients. A rate of 0 is no limit. Pure
 * bookkeeping on the caller's clock; owned by the repair planner.
 */
final class RepairBandwidth {
  /** A node may burst a quarter of a second's worth, and always at least one chunk. */
  private static final double BURST_SECONDS = 0.25;

  private record Bucket(double tokens, long atNanos) {}

  private long bytesPerSecond;
  private final Map<String, Bucket> buckets = new HashMap<>();

  RepairBandwidth(long bytesPerSecond) {
    setRate(bytesPerSecond);
  }

  void setRate(long bytesPerSecond) {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("a repair rate must not be negative");
    }
    this.bytesPerSecond = bytesPerSecond;
    buckets.clear();
  }

  long rate() {
    return bytesPerSecond;
  }

  /** Whether {@code nodeId} may move {@code bytes} more now. */
  boolean allows(String nodeId, long bytes, long nowNanos) {
    return bytesPerSecond == 0 || tokens(nodeId, bytes, nowNanos) >= bytes;
  }

  /** {@code nodeId} moves {@code bytes}: taken from its bucket (which may go below zero: it then waits longer). */
  void spend(String nodeId, long bytes, long nowNanos) {
    if (bytesPerSecond > 0) {
      buckets.put(nodeId, new Bucket(tokens(nodeId, bytes, nowNanos) - bytes, nowNanos));
    }
  }

  private double tokens(String nodeId, long bytes, long nowNanos) {
    double capacity = Math.max(bytes, bytesPerSecond * BURST_SECONDS);
    Bucket bucket = buckets.get(nodeId);
    if (bucket == null) {
      return capacity;
    }
    double refilled = bucket.tokens() + bytesPerSecond * (nowNanos - bucket.atNanos()) / 1e9;
    return Math.min(capacity, refilled);
  }
}
