package io.stork.chaos;

import io.stork.protocol.StorkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Kills a random running storage node after a random time between 0.25x and 1.75x the mean time
 * to failure, and restarts it 0.25x to 0.75x the MTTF later, never with more than {@code maxDown}
 * of its own victims down at once. Runs on its own thread; {@link #stop} restarts its victims.
 */
final class ChaosMonkey {
  private final ChaosTarget cluster;
  private final Consumer<String> restarter;
  private final Duration mttf;
  private final int maxDown;
  private final Random random;
  private final Consumer<String> events;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "stork-chaos-monkey");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<String> down = new HashSet<>();
  private int kills;
  private int restarts;

  /** @param restart how a victim comes back (with the faults in force, which a new process does not have) */
  ChaosMonkey(ChaosTarget cluster, Consumer<String> restart, Duration mttf, int maxDown, Random random, Consumer<String> events) {
    this.cluster = cluster;
    this.restarter = restart;
    this.mttf = mttf;
    this.maxDown = maxDown;
    this.random = random;
    this.events = events;
  }

  void start() {
    scheduleKill();
  }

  private void scheduleKill() {
    scheduler.schedule(this::killOne, scaled(0.25, 1.75), TimeUnit.MILLISECONDS);
  }

  private long scaled(double low, double high) {
    return Math.max(1, (long) (mttf.toMillis() * (low + random.nextDouble() * (high - low))));
  }

  private void killOne() {
    try {
      List<String> candidates = new ArrayList<>(cluster.runningNodes());
      if (down.size() < maxDown && !candidates.isEmpty()) {
        String victim = candidates.get(random.nextInt(candidates.size()));
        cluster.crash(victim);
        synchronized (this) {
          down.add(victim);
          kills++;
        }
        events.accept("chaos monkey killed " + victim);
        scheduler.schedule(() -> restart(victim), scaled(0.25, 0.75), TimeUnit.MILLISECONDS);
      }
    } catch (StorkException e) {
      events.accept("chaos monkey could not kill: " + e.getMessage());
    } finally {
      if (!scheduler.isShutdown()) {
        scheduleKill();
      }
    }
  }

  private void restart(String victim) {
    try {
      restarter.accept(victim);
      synchronized (this) {
        down.remove(victim);
        restarts++;
      }
      events.accept("chaos monkey restarted " + victim);
    } catch (StorkException e) {
      events.accept("chaos monkey could not restart " + victim + ": " + e.getMessage());
    }
  }

  /** Stops killing, restarts every node it has down, and returns once that is done. */
  void stop() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (String victim : List.copyOf(down)) {
      if (!cluster.runningNodes().contains(victim)) {
        restart(victim);
      }
    }
  }

  synchronized String describe() {
    return "monkey: mean time to failure " + mttf.toMillis() + "ms, at most " + maxDown + " down; " + kills + " kills, "
        + restarts + " restarts" + (down.isEmpty() ? "" : ", down now: " + String.join(", ", down.stream().sorted().toList()));
  }
}
