package io.stork.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Waits learned from answers, robust to one slow or dead peer; no clock, no sleep. */
class LatencyEstimatesTest {
  static final Duration FLOOR = Duration.ofMillis(10);
  static final Duration CEILING = Duration.ofSeconds(5);

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  @Test
  void beforeAnyAnswerTheCeilingThenTheAnswersOfTheMedianPeer() {
    LatencyEstimates estimates = new LatencyEstimates(FLOOR, CEILING);
    assertEquals(CEILING, estimates.timeout());
    assertEquals(CEILING, estimates.hedgeAfter());
    estimates.answered("sn-2", ms(40));
    assertEquals(ms(40 + 4 * 20), estimates.timeout());
    assertEquals(ms(40 + 2 * 20), estimates.hedgeAfter());
  }

  @Test
  void steadyAnswersNarrowTheWaitTowardsTheMeanWithinTheFloor() {
    LatencyEstimates estimates = new LatencyEstimates(FLOOR, CEILING);
    for (int i = 0; i < 200; i++) {
      estimates.answered("sn-1", ms(4));
    }
    assertEquals(FLOOR, estimates.timeout(), "4 ms every time: the deviation vanishes, the floor holds");
    assertEquals(FLOOR.dividedBy(2), estimates.hedgeAfter(), "a hedge comes before the timeout, even at the floor");
  }

  @Test
  void oneSlowPeerAmongFiveStretchesNobodysWait() {
    LatencyEstimates estimates = new LatencyEstimates(FLOOR, CEILING);
    for (int i = 0; i < 100; i++) {
      for (String peer : new String[] {"sn-1", "sn-2", "sn-3", "sn-4"}) {
        estimates.answered(peer, ms(i % 2 == 0 ? 20 : 40));
      }
      estimates.answered("sn-5", ms(2000)); // slow for good, answering late
    }
    Duration timeout = estimates.timeout();
    assertTrue(timeout.compareTo(ms(40)) > 0 && timeout.compareTo(ms(200)) < 0, timeout.toString());
    assertTrue(estimates.hedgeAfter().compareTo(timeout) < 0);
  }

  @Test
  void whenEveryPeerSlowsDownTheWaitFollowsButNeverPassesTheCeiling() {
    LatencyEstimates estimates = new LatencyEstimates(FLOOR, CEILING);
    for (int i = 0; i < 100; i++) {
      estimates.answered("sn-1", ms(10));
      estimates.answered("sn-2", ms(10));
    }
    Duration before = estimates.timeout();
    for (int i = 0; i < 100; i++) {
      estimates.answered("sn-1", ms(9000));
      estimates.answered("sn-2", ms(9000));
    }
    assertTrue(estimates.timeout().compareTo(before) > 0);
    assertEquals(CEILING, estimates.timeout());
    assertEquals(CEILING, estimates.ceiling());
  }

  @Test
  void aFloorAboveTheCeilingIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LatencyEstimates(ms(10), ms(5)));
  }
}
