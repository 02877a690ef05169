package io.stork.shell;

import io.stork.protocol.ClusterSummary;
import java.util.ArrayDeque;

/**
 * Rates the name node does not report, computed here from successive summaries: replicas restored
 * (bytes and chunks a second) and the growth of the stored bytes, over the last few seconds, and
 * the time left to heal at that pace.
 */
final class RepairRate {
  private static final long WINDOW_NANOS = 5_000_000_000L;

  private record Sample(long atNanos, ClusterSummary summary) {}

  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  void add(ClusterSummary summary, long atNanos) {
    samples.addLast(new Sample(atNanos, summary));
    while (samples.size() > 2 && atNanos - samples.peekFirst().atNanos() > WINDOW_NANOS) {
      samples.removeFirst();
    }
  }

  /** Whether two samples far enough apart give a rate. */
  boolean known() {
    return samples.size() >= 2 && seconds() > 0.1;
  }

  double bytesPerSecond() {
    return known() ? Math.max(0, last().bytesRepaired() - first().bytesRepaired()) / seconds() : 0;
  }

  double chunksPerSecond() {
    return known() ? Math.max(0, last().chunksRepaired() - first().chunksRepaired()) / seconds() : 0;
  }

  /** The stored bytes' growth a second (negative when deletes outrun writes). */
  double storedGrowthPerSecond() {
    return known() ? (last().bytes() - first().bytes()) / seconds() : 0;
  }

  /** Seconds until the under-replicated chunks are copied at the current pace; -1 when unknown. */
  double etaSeconds() {
    ClusterSummary now = last();
    if (now.underReplicatedChunks() == 0) {
      return 0;
    }
    double chunks = chunksPerSecond();
    return chunks > 0 ? now.underReplicatedChunks() / chunks : -1;
  }

  private ClusterSummary first() {
    return samples.peekFirst().summary();
  }

  private ClusterSummary last() {
    return samples.peekLast().summary();
  }

  private double seconds() {
    return (samples.peekLast().atNanos() - samples.peekFirst().atNanos()) / 1e9;
  }
}
