package io.stork.dashboard;

import io.stork.protocol.ClusterSummary;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How fast the store heals: from successive summaries (replicas and bytes restored so far), the
 * rate over the last {@code windowNanos}, and the time the repairable chunks left would take at it.
 * Pure: the caller gives the times.
 */
final class HealingRate {
  private record Sample(long nanos, long chunks, long bytes) {}

  private final long windowNanos;
  private final Deque<Sample> samples = new ArrayDeque<>();

  HealingRate(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  Views.Healing next(ClusterSummary summary, long nowNanos) {
    samples.addLast(new Sample(nowNanos, summary.chunksRepaired(), summary.bytesRepaired()));
    while (samples.size() > 2 && nowNanos - samples.peekFirst().nanos() > windowNanos) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    double seconds = (nowNanos - first.nanos()) / 1e9;
    // A restarted name node counts from 0 again: no negative rate.
    double chunksPerSecond = seconds <= 0 ? 0 : Math.max(0, summary.chunksRepaired() - first.chunks()) / seconds;
    double bytesPerSecond = seconds <= 0 ? 0 : Math.max(0, summary.bytesRepaired() - first.bytes()) / seconds;
    long repairable = summary.underReplicatedChunks() - summary.unavailableChunks();
    Double eta = repairable > 0 && chunksPerSecond > 0 ? repairable / chunksPerSecond : null;
    return new Views.Healing(summary.healed(), summary.underReplicatedChunks(), summary.underReplicatedBytes(),
        summary.unavailableChunks(), summary.repairsWaiting(), summary.copiesInFlight(), chunksPerSecond, bytesPerSecond, eta);
  }
}
