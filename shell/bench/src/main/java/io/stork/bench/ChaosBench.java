package io.stork.bench;

import io.stork.chaos.Chaos;
import io.stork.client.StorkClient;
import io.stork.embedded.EmbeddedCluster;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.StorkException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code scripts/bench --chaos}: one small-artifact workload (uploads, updates and verified gets
 * from several clients), first with no fault, then under message drops and under the chaos monkey,
 * each rate beside the fault-free one. At the end every acknowledged artifact is read back byte for
 * byte: a single loss fails the benchmark.
 */
final class ChaosBench {
  private static final int CLIENTS = 4;
  private static final int MAX_SIZE = 96 << 10;

  /** One condition the workload runs under: how to bring it about on a cluster's chaos. */
  private record Phase(String name, Consumer<Chaos> on) {}

  private static final List<Phase> PHASES = List.of(
      new Phase("no faults", chaos -> { }),
      new Phase("1% of messages dropped", chaos -> chaos.drop(1, null)),
      new Phase("5% of messages dropped", chaos -> chaos.drop(5, null)),
      new Phase("10% of messages dropped", chaos -> chaos.drop(10, null)),
      new Phase("chaos monkey, MTTF 10 s", chaos -> chaos.startMonkey(Duration.ofSeconds(10), 2)),
      new Phase("chaos monkey, MTTF 5 s", chaos -> chaos.startMonkey(Duration.ofSeconds(5), 2)),
      new Phase("chaos monkey, MTTF 2 s", chaos -> chaos.startMonkey(Duration.ofSeconds(2), 2)));

  /**
   * What every client wrote and had acknowledged: by name, the content it must read, or the
   * contents it may read when an outcome was not confirmed (a commit whose answer was lost).
   */
  private static final class Model {
    final Map<String, List<byte[]>> acknowledged = new ConcurrentHashMap<>();
    final AtomicLong lost = new AtomicLong();
  }

  private ChaosBench() {}

  static List<Figure> measure(Path dir, Duration phaseLength, PrintStream log) throws Exception {
    Chaos.Injector injector = Chaos.Injector.create();
    List<Figure> figures = new ArrayList<>();
    Model model = new Model();
    try (EmbeddedCluster cluster = EmbeddedCluster.start(dir.resolve("chaos-cluster"),
        com.typesafe.config.ConfigFactory.parseString("stork.chunk-size = 64KiB\nstork.garbage-grace = 2s"), injector.wrapper());
         Chaos chaos = injector.attach(cluster, 20261202, event -> { })) {
      log.println("bench: chaos: warming up (unmeasured)...");
      workload(cluster.client(), new Model(), "warm-up/", phaseLength.multipliedBy(2)); // the JIT first: the fault-free rate is the bar
      double faultFree = 0;
      for (int p = 0; p < PHASES.size(); p++) {
        Phase phase = PHASES.get(p);
        log.println("bench: chaos: " + phase.name() + "...");
        phase.on().accept(chaos);
        double rate = workload(cluster.client(), model, "p" + p + "/", phaseLength);
        chaos.close(); // stops the monkey (its victims come back) and clears the drops
        cluster.client().awaitSummary(ClusterSummary::healed, Duration.ofMinutes(5), Duration.ofMillis(50));
        if (p == 0) {
          faultFree = rate;
          figures.add(Figure.of("chaos: " + phase.name(), rate, "ops/s"));
        } else {
          figures.add(Figure.against("chaos: " + phase.name(), rate, "ops/s", "the fault-free rate", faultFree));
        }
      }
      verify(cluster.client(), model);
    }
    figures.add(Figure.of("chaos: acknowledged artifacts checked", model.acknowledged.size(), "artifacts"));
    figures.add(Figure.of("chaos: acknowledged artifacts lost", model.lost.get(), "artifacts"));
    if (model.lost.get() > 0) {
      throw new IllegalStateException(model.lost.get() + " acknowledged artifacts were lost or read back wrong");
    }
    return figures;
  }

  /** The workload for {@code length}; returns the operations per second that succeeded. */
  private static double workload(StorkClient client, Model model, String prefix, Duration length) throws Exception {
    AtomicLong done = new AtomicLong();
    long nanos = Threads.timed(CLIENTS, thread -> {
      SplittableRandom random = new SplittableRandom(prefix.hashCode() * 31L + thread);
      Map<String, byte[]> mine = new HashMap<>();
      long until = System.nanoTime() + length.toNanos();
      int next = 0;
      while (System.nanoTime() < until) {
        double dice = random.nextDouble();
        String name;
        try {
          if (mine.isEmpty() || dice < 0.4) {
            name = prefix + thread + "/" + next++;
            byte[] content = content(random);
            write(client, model, name, content, false);
            mine.put(name, content);
          } else if (dice < 0.6) {
            name = pick(mine, random);
            byte[] content = content(random);
            String updated = name;
            mine.remove(name); // until acknowledged, its content is not known for sure (the check at the end knows the candidates)
            write(client, model, updated, content, true);
            mine.put(name, content);
          } else {
            name = pick(mine, random);
            if (!Arrays.equals(mine.get(name), client.getBytes(name))) {
              model.lost.incrementAndGet(); // a read of the wrong bytes is a loss
            }
          }
          done.incrementAndGet();
        } catch (StorkException failed) {
          // a failed operation under faults is allowed; what it acknowledged is checked at the end
        }
      }
    });
    return done.get() / (nanos / 1e9);
  }

  /** Writes and records the outcome: acknowledged, or (when the answer was lost) possibly either content. */
  private static void write(StorkClient client, Model model, String name, byte[] content, boolean update) {
    try {
      if (update) {
        client.update(name, content);
      } else {
        client.upload(name, content);
      }
      model.acknowledged.put(name, List.of(content));
    } catch (StorkException e) {
      List<byte[]> before = model.acknowledged.get(name);
      if (before != null && e.getMessage().contains("may or may not be stored")) {
        List<byte[]> either = new ArrayList<>(before);
        either.add(content);
        model.acknowledged.put(name, either);
      }
      throw e;
    }
  }

  private static void verify(StorkClient client, Model model) {
    model.acknowledged.forEach((name, candidates) -> {
      try {
        byte[] read = client.getBytes(name);
        if (candidates.stream().noneMatch(candidate -> Arrays.equals(candidate, read))) {
          model.lost.incrementAndGet();
        }
      } catch (StorkException e) {
        model.lost.incrementAndGet();
      }
    });
  }

  private static byte[] content(SplittableRandom random) {
    byte[] content = new byte[1 + random.nextInt(MAX_SIZE)];
    random.nextBytes(content);
    return content;
  }

  private static String pick(Map<String, byte[]> mine, SplittableRandom random) {
    return mine.keySet().stream().skip(random.nextInt(mine.size())).findFirst().orElseThrow();
  }
}
