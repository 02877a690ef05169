package io.stork.client;

/**
 * How many reads may be hedged (asked of a second replica while the first is still out): at most
 * {@code fraction} of all reads, plus a small burst, so that hedging cuts the tail of slow replicas
 * without doubling the load when every replica is slow. Thread-safe.
 */
final class HedgeBudget {
  private final double fraction;
  private final int burst;
  private long requests;
  private long hedges;

  HedgeBudget(double fraction, int burst) {
    if (!(fraction >= 0 && fraction <= 1) || burst < 0) {
      throw new IllegalArgumentException("a hedge fraction between 0 and 1 and a burst of at least 0");
    }
    this.fraction = fraction;
    this.burst = burst;
  }

  /** A read is asked: it counts towards the budget. */
  synchronized void requested() {
    requests++;
  }

  /** Whether one more hedge fits the budget; if so it is counted as spent. */
  synchronized boolean tryHedge() {
    if (hedges >= burst + (long) (fraction * requests)) {
      return false;
    }
    hedges++;
    return true;
  }

  synchronized long hedges() {
    return hedges;
  }

  synchronized long requests() {
    return requests;
  }
}
