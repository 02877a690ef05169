package io.stork.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which messages to storage nodes are dropped or delayed: a drop rate and a delay range, each for
 * every node or for one. Thread-safe: the shell changes it while storage nodes consult it.
 */
public final class FaultPlan {

  /** What to do with one message. */
  public record Fault(boolean drop, Duration delay) {
    static final Fault NONE = new Fault(false, Duration.ZERO);
  }

  private record Drop(double percent, String node) {}

  private record Delay(Duration min, Duration max, String node) {}

  private volatile Drop drop;
  private volatile Delay delay;

  /** Drops {@code percent} of the messages to {@code node} (null: to every storage node). */
  public void drop(double percent, String node) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("drop rate must be between 0 and 100 percent");
    }
    drop = percent == 0 ? null : new Drop(percent, node);
  }

  /** Delays every message to {@code node} (null: to every storage node) by a time in [min, max]. */
  public void delay(Duration min, Duration max, String node) {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("delay range must be MIN..MAX with 0 <= MIN <= MAX");
    }
    delay = max.isZero() ? null : new Delay(min, max, node);
  }

  public void off() {
    drop = null;
    delay = null;
  }

  public Fault decide(String nodeId, Random random) {
    Drop currentDrop = drop;
    if (currentDrop != null && applies(currentDrop.node(), nodeId) && random.nextDouble() * 100 < currentDrop.percent()) {
      return new Fault(true, Duration.ZERO);
    }
    Delay currentDelay = delay;
    if (currentDelay != null && applies(currentDelay.node(), nodeId)) {
      long span = currentDelay.max().toMillis() - currentDelay.min().toMillis();
      long millis = currentDelay.min().toMillis() + (span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
      return new Fault(false, Duration.ofMillis(millis));
    }
    return Fault.NONE;
  }

  /** One line per active fault, for {@code chaos status}. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    Drop currentDrop = drop;
    if (currentDrop != null) {
      lines.add(String.format("drop: %s%% of messages to %s", trim(currentDrop.percent()), target(currentDrop.node())));
    }
    Delay currentDelay = delay;
    if (currentDelay != null) {
      lines.add("delay: " + currentDelay.min().toMillis() + "ms.." + currentDelay.max().toMillis() + "ms on messages to "
          + target(currentDelay.node()));
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
