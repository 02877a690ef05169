package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ClusterSummary;
import io.stork.protocol.NodeState;
import io.stork.protocol.NodeStatus;
import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** status: health and its reasons, and the repair pace and ETA computed from successive summaries. */
class HealthViewTest {
  private static final long SECOND = 1_000_000_000L;
  private static final List<NodeStatus> ONE_DEAD = List.of(node("sn-1", NodeState.UP), node("sn-2", NodeState.DEAD),
      node("sn-3", NodeState.UP));

  private static NodeStatus node(String id, NodeState state) {
    return new NodeStatus(id, state, "", List.of(), 0, 0, 0, "");
  }

  /** 100 chunks of 1 MiB, {@code under} of them short of replicas, {@code repaired} copied so far. */
  private static ClusterSummary summary(long under, long repaired, long unavailable) {
    return new ClusterSummary(3, 1 << 20, 2, 3, 10, 100L << 20, 100, under, under << 20, unavailable, under > 0 ? 4 : 0,
        repaired, repaired << 20, 0, 0, "");
  }

  @Test
  void healthSaysWhy() {
    assertEquals("healthy", HealthView.health(summary(0, 0, 0), List.of(node("sn-1", NodeState.UP))));
    assertEquals("degraded", HealthView.health(summary(0, 0, 0), ONE_DEAD));
    assertEquals("unavailable", HealthView.health(summary(40, 0, 2), ONE_DEAD));
    assertEquals(List.of("2 chunks have no live replica", "sn-2 dead", "40 chunks under-replicated"),
        HealthView.reasons(summary(40, 0, 2), ONE_DEAD));
  }

  @Test
  void theRepairPaceAndEtaComeFromTwoSummaries() {
    RepairRate rate = new RepairRate();
    rate.add(summary(40, 10, 0), 0);
    assertFalse(rate.known(), "one sample gives no rate");
    rate.add(summary(20, 30, 0), 2 * SECOND); // 20 chunks (20 MiB) copied in 2 s
    assertTrue(rate.known());
    assertEquals(10 << 20, rate.bytesPerSecond(), 1);
    assertEquals(2, rate.etaSeconds(), 0.01, "20 left at 10 a second");
    assertEquals("20 chunks under-replicated (20.0%, 20 MiB); 4 copies running at 10 MiB/s, ETA 2s",
        HealthView.repair(summary(20, 30, 0), rate));
    Map<String, Object> json = HealthView.json(summary(20, 30, 0), ONE_DEAD, rate);
    assertEquals("degraded", json.get("health"));
    assertEquals(20.0, json.get("underReplicatedPercent"));
    assertEquals(2L, json.get("repairEtaSeconds"));
    assertEquals(List.of("sn-2"), json.get("nodesDown"));
    assertNull(HealthView.json(summary(0, 0, 0), ONE_DEAD, new RepairRate()).get("repairBytesPerSecond"), "unknown, not 0");
  }

  @Test
  void theLinesFit80Columns() {
    RepairRate rate = new RepairRate();
    rate.add(summary(40, 10, 0), 0);
    rate.add(summary(20, 30, 0), 2 * SECOND);
    for (AttributedString line : HealthView.lines(summary(20, 30, 0), ONE_DEAD, rate)) {
      assertTrue(line.columnLength() <= 80, line.toString());
    }
  }
}
