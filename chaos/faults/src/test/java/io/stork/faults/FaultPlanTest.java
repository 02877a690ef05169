package io.stork.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
  private final Random random = new Random(3);

  @Test
  void dropsAboutTheAskedShareOfMessagesToTheTargetOnly() {
    FaultPlan plan = new FaultPlan();
    plan.drop(25, "sn-2");
    int dropped = 0;
    for (int i = 0; i < 10_000; i++) {
      dropped += plan.decide("sn-2", random).drop() ? 1 : 0;
      assertFalse(plan.decide("sn-1", random).drop());
    }
    assertTrue(dropped > 2_200 && dropped < 2_800, "dropped " + dropped);
    plan.drop(100, null);
    assertTrue(plan.decide("sn-9", random).drop());
  }

  @Test
  void delaysWithinTheRangeAndOffClearsEverything() {
    FaultPlan plan = new FaultPlan();
    plan.delay(Duration.ofMillis(10), Duration.ofMillis(20), null);
    for (int i = 0; i < 1_000; i++) {
      long delay = plan.decide("sn-1", random).delay().toMillis();
      assertTrue(delay >= 10 && delay <= 20, "delay " + delay);
    }
    assertEquals(List.of("delay: 10ms..20ms on messages to every storage node"), plan.describe());
    plan.off();
    assertEquals(List.of(), plan.describe());
    assertEquals(FaultPlan.Fault.NONE, plan.decide("sn-1", random));
  }

  @Test
  void refusesNonsense() {
    FaultPlan plan = new FaultPlan();
    assertThrows(IllegalArgumentException.class, () -> plan.drop(101, null));
    assertThrows(IllegalArgumentException.class, () -> plan.drop(Double.NaN, null));
    assertThrows(IllegalArgumentException.class, () -> plan.delay(Duration.ofMillis(5), Duration.ofMillis(1), null));
  }
}
