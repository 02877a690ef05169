package io.stork.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hedged reads stay a small fraction of all reads, however slow the replicas are. */
class HedgeBudgetTest {

  @Test
  void aBurstFirstThenAtMostTheFractionOfRequests() {
    HedgeBudget budget = new HedgeBudget(0.05, 2);
    assertTrue(budget.tryHedge());
    assertTrue(budget.tryHedge());
    assertFalse(budget.tryHedge(), "the burst is spent and no read has been asked yet");
    for (int i = 0; i < 100; i++) {
      budget.requested();
    }
    int hedged = 0;
    for (int i = 0; i < 100; i++) {
      hedged += budget.tryHedge() ? 1 : 0;
    }
    assertEquals(5, hedged, "5% of 100 reads");
    assertEquals(7, budget.hedges());
    assertEquals(100, budget.requests());
  }

  @Test
  void aFractionOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new HedgeBudget(1.5, 0));
    assertThrows(IllegalArgumentException.class, () -> new HedgeBudget(-0.1, 0));
  }
}
