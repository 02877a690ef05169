package io.stork.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ClusterSummary;
import org.junit.jupiter.api.Test;

class HealingRateTest {
  private static final long SECOND = 1_000_000_000L;

  /** A store of 100 chunks of 1 MiB, R=3, {@code under} of them short (of which {@code unavailable} have no replica). */
  static ClusterSummary summary(long under, long unavailable, int copies, long repaired) {
    return new ClusterSummary(3, 1 << 20, 4, 5, 10, 100L << 20, 100, under, under << 20, unavailable, copies, repaired,
        repaired << 20, Math.max(0, under - copies), 0, "");
  }

  @Test
  void aHealthyStoreHasNoRateAndNoEta() {
    Views.Healing healing = new HealingRate(10 * SECOND).next(summary(0, 0, 0, 0), 0);
    assertTrue(healing.healed());
    assertEquals(0, healing.chunksPerSecond());
    assertNull(healing.etaSeconds());
  }

  @Test
  void theRateIsOverTheWindowAndTheEtaCountsOnlyRepairableChunks() {
    HealingRate rate = new HealingRate(10 * SECOND);
    rate.next(summary(60, 0, 4, 0), 0);
    rate.next(summary(50, 0, 4, 10), SECOND);
    Views.Healing healing = rate.next(summary(40, 10, 4, 20), 2 * SECOND);
    assertFalse(healing.healed());
    assertEquals(10.0, healing.chunksPerSecond(), 1e-9);
    assertEquals(10.0 * (1 << 20), healing.bytesPerSecond(), 1e-3);
    assertEquals(3.0, healing.etaSeconds(), 1e-9, "30 repairable chunks at 10 a second (10 have no replica to copy from)");
    assertEquals(40, healing.chunksLeft());
    assertEquals(10, healing.unavailable());
    assertEquals(36, healing.waiting());
  }

  @Test
  void oldSamplesLeaveTheWindowAndARestartedCountNeverGoesNegative() {
    HealingRate rate = new HealingRate(10 * SECOND);
    rate.next(summary(50, 0, 2, 0), 0);
    rate.next(summary(50, 0, 2, 100), 5 * SECOND);
    rate.next(summary(50, 0, 2, 100), 20 * SECOND);
    assertEquals(0, rate.next(summary(50, 0, 2, 100), 25 * SECOND).chunksPerSecond(), 1e-9, "nothing copied in the last 10 s");
    Views.Healing restarted = rate.next(summary(50, 0, 2, 3), 26 * SECOND);
    assertEquals(0, restarted.chunksPerSecond(), 1e-9);
    assertNull(restarted.etaSeconds());
  }
}
