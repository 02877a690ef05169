package io.stork.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long peers take to answer, learned from their answers: a smoothed mean and mean deviation
 * per peer, as TCP keeps them for its retransmission timeout (RFC 6298). The wait for a peer is
 * that of the median peer, {@code mean + 4 x deviation}, so that one slow or dead peer neither
 * stretches everyone's wait nor gets one of its own: it is simply passed over, in about one round
 * trip of the others. The {@link #hedgeAfter} point ({@code mean + 2 x deviation} of the median
 * peer) is near the 95th percentile of answers, where a second request to another replica is worth
 * its cost. Both are bounded by a floor and the configured ceiling; with no answer yet, the ceiling.
 * Thread-safe; no clock of its own.
 */
public final class LatencyEstimates {
  private final long floorNanos;
  private final long ceilingNanos;
  private final ConcurrentHashMap<String, Estimate> peers = new ConcurrentHashMap<>();

  /** One peer's estimate; guarded by itself. */
  private static final class Estimate {
    long meanNanos;
    long deviationNanos;
    long samples;

    synchronized void learn(long sample) {
      if (samples == 0) {
        meanNanos = sample;
        deviationNanos = sample / 2;
      } else {
        deviationNanos += (Math.abs(meanNanos - sample) - deviationNanos) / 4;
        meanNanos += (sample - meanNanos) / 8;
      }
      samples++;
    }

    synchronized long at(int deviations) {
      return meanNanos + deviations * deviationNanos;
    }
  }

  public LatencyEstimates(Duration floor, Duration ceiling) {
    if (floor.isNegative() || floor.compareTo(ceiling) > 0) {
      throw new IllegalArgumentException("the latency floor " + floor + " must be between 0 and the ceiling " + ceiling);
    }
    this.floorNanos = floor.toNanos();
    this.ceilingNanos = ceiling.toNanos();
  }

  /** {@code peer} answered after {@code latency} (late answers count too: they are what a peer takes). */
  public void answered(String peer, Duration latency) {
    peers.computeIfAbsent(peer, p -> new Estimate()).learn(Math.max(0, latency.toNanos()));
  }

  /** How long to wait for an answer before asking elsewhere. */
  public Duration timeout() {
    return median(4, floorNanos);
  }

  /** How long to wait before also asking another replica, for a hedged request. */
  public Duration hedgeAfter() {
    return median(2, floorNanos / 2);
  }

  /** The configured ceiling: no request waits longer. */
  public Duration ceiling() {
    return Duration.ofNanos(ceilingNanos);
  }

  private Duration median(int deviations, long floor) {
    List<Long> waits = new ArrayList<>();
    peers.values().forEach(estimate -> waits.add(estimate.at(deviations)));
    if (waits.isEmpty()) {
      return Duration.ofNanos(ceilingNanos);
    }
    waits.sort(null);
    long median = waits.get((waits.size() - 1) / 2); // the lower median: with two peers, the faster
    return Duration.ofNanos(Math.max(floor, Math.min(ceilingNanos, median)));
  }
}
