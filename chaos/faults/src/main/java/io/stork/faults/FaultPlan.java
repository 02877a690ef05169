package io.stork.faults;

import io.stork.protocol.FaultRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which messages to storage nodes are dropped or delayed: a drop rate and a delay range, each for
 * every node or for one. Thread-safe: the shell changes it while storage nodes consult it. Its
 * {@link FaultRules} travel to storage node processes, so one plan can act on a whole multi-process cluster.
 */
public final class FaultPlan {

  /** What to do with one message. */
  public record Fault(boolean drop, Duration delay) {
    static final Fault NONE = new Fault(false, Duration.ZERO);
  }

  private volatile FaultRules rules = FaultRules.NONE;

  public FaultRules rules() {
    return rules;
  }

  public void set(FaultRules rules) {
    this.rules = rules;
  }

  /** Drops {@code percent} of the messages to {@code node} (null: to every storage node). */
  public synchronized void drop(double percent, String node) {
    FaultRules now = rules;
    rules = new FaultRules(percent, percent == 0 ? null : node, now.delayMinMillis(), now.delayMaxMillis(), now.delayNode());
  }

  /** Delays every message to {@code node} (null: to every storage node) by a time in [min, max]. */
  public synchronized void delay(Duration min, Duration max, String node) {
    FaultRules now = rules;
    rules = new FaultRules(now.dropPercent(), now.dropNode(), min.toMillis(), max.toMillis(), max.isZero() ? null : node);
  }

  public void off() {
    rules = FaultRules.NONE;
  }

  public Fault decide(String nodeId, Random random) {
    FaultRules now = rules;
    if (now.dropPercent() > 0 && applies(now.dropNode(), nodeId) && random.nextDouble() * 100 < now.dropPercent()) {
      return new Fault(true, Duration.ZERO);
    }
    if (now.delayMaxMillis() > 0 && applies(now.delayNode(), nodeId)) {
      long span = now.delayMaxMillis() - now.delayMinMillis();
      long millis = now.delayMinMillis() + (span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
      return new Fault(false, Duration.ofMillis(millis));
    }
    return Fault.NONE;
  }

  /** One line per active fault, for {@code chaos status}. */
  public List<String> describe() {
    FaultRules now = rules;
    List<String> lines = new ArrayList<>();
    if (now.dropPercent() > 0) {
      lines.add(String.format("drop: %s%% of messages to %s", trim(now.dropPercent()), target(now.dropNode())));
    }
    if (now.delayMaxMillis() > 0) {
      lines.add("delay: " + now.delayMinMillis() + "ms.." + now.delayMaxMillis() + "ms on messages to " + target(now.delayNode()));
    }
    return lines;
  }

  private static boolean applies(String target, String nodeId) {
    return target == null || target.equals(nodeId);
  }

  private static String target(String node) {
    return node == null ? "every storage node" : node;
  }

  private static String trim(double percent) {
    return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
  }
}
