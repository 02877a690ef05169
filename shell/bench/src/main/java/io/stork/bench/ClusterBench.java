package io.stork.bench;

import io.stork.client.StorkClient;
import io.stork.client.TransferListener;
import io.stork.embedded.EmbeddedCluster;
import io.stork.protocol.ClusterEvent;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.NodeState;
import io.stork.protocol.NodeStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Stork's own figures on an embedded cluster: large and small artifacts, and recovery. */
final class ClusterBench {
  private ClusterBench() {}

  /**
   * Upload of a {@code size}-byte file and get to a file, median of {@code runs}, after
   * {@code warmUps} unmeasured rounds of the same: the JIT of every JVM in the cluster (six across
   * processes) takes several rounds, and one round measured its warming. A number of rounds, not
   * a time: a time would make a fast cluster write (and then delete) many times more. Figure names
   * start with {@code prefix}.
   */
  static List<Figure> large(StorkClient client, String prefix, Path dir, long size, int runs, int warmUps,
                            double writeLimitMiBs, int replication, double digestMiBs) throws IOException {
    Path source = randomFile(dir.resolve("large.bin"), size);
    Path target = dir.resolve("large-out.bin");
    for (int round = 0; round < warmUps; round++) {
      client.upload("large-warm-up", source);
      client.get("large-warm-up", target, TransferListener.NONE);
      Files.delete(target);
      client.delete("large-warm-up");
    }
    double[] uploads = new double[runs];
    double[] gets = new double[runs];
    for (int run = 0; run < runs; run++) {
      String name = "large-" + run;
      long start = System.nanoTime();
      client.upload(name, source);
      uploads[run] = mibPerSecond(size, start);
      start = System.nanoTime();
      client.get(name, target, TransferListener.NONE);
      gets[run] = mibPerSecond(size, start);
      if (Files.size(target) != size) {
        throw new IllegalStateException("get returned " + Files.size(target) + " bytes, " + size + " expected");
      }
      Files.delete(target);
      if (run < runs - 1) {
        client.delete(name); // keep the disks from filling; the last one stays for the recovery run
      }
    }
    Files.delete(source);
    long mib = size >> 20;
    return List.of(
        Figure.against(prefix + "upload " + mib + " MiB (R=" + replication + ")", median(uploads), "MiB/s",
            "fsynced disk write / R", writeLimitMiBs / replication),
        Figure.against(prefix + "get " + mib + " MiB", median(gets), "MiB/s", "SHA-256 rate", digestMiBs));
  }

  /** Each small artifact is read this many times: 2,000 gets take a quarter of a second, too short to time. */
  static final int READS_PER_ARTIFACT = 5;

  /**
   * Unmeasured rounds of small uploads and gets from 8 clients, at least one and for at least
   * {@code atLeast}, so that the JIT has compiled the paths measured next: the compiler threads
   * take a third of the CPU for the first 15 s or so of small uploads, and a 2,000-upload run
   * lasts a few seconds.
   */
  static void warmUp(EmbeddedCluster cluster, int count, int size, Duration atLeast) throws Exception {
    long until = System.nanoTime() + atLeast.toNanos();
    int round = 0;
    do {
      smallRuns(cluster, "warm-up-" + round++ + "/", count, 8, size);
    } while (System.nanoTime() < until);
  }

  /** Small artifacts from {@code clients} concurrent clients: uploads/s, gets/s, p50 and p99. */
  static List<Figure> small(EmbeddedCluster cluster, int count, int clients, int size, double createsPerSecond,
                            int replication) throws Exception {
    Run[] runs = smallRuns(cluster, "small-" + clients + "/", count, clients, size);
    Run uploads = runs[0];
    Run gets = runs[1];
    String who = clients == 1 ? "1 client" : clients + " clients";
    return List.of(
        Figure.against("small uploads, " + who, uploads.perSecond(), "uploads/s",
            "fsynced 1 KiB creates from " + (clients == 1 ? "1 thread" : "8 threads") + " / R", createsPerSecond / replication),
        Figure.of("small upload latency p50, " + who, uploads.percentileMillis(50), "ms"),
        Figure.of("small upload latency p99, " + who, uploads.percentileMillis(99), "ms"),
        Figure.of("small gets, " + who, gets.perSecond(), "gets/s"),
        Figure.of("small get latency p50, " + who, gets.percentileMillis(50), "ms"),
        Figure.of("small get latency p99, " + who, gets.percentileMillis(99), "ms"));
  }

  private static Run[] smallRuns(EmbeddedCluster cluster, String prefix, int count, int clients, int size) throws Exception {
    StorkClient client = cluster.client();
    byte[] content = new byte[size];
    new SplittableRandom(clients).nextBytes(content);
    Run uploads = run(count, clients, i -> {
      client.upload(prefix + i, content);
      return true;
    });
    Run gets = run(count * READS_PER_ARTIFACT, clients, i -> Arrays.equals(content, client.getBytes(prefix + i % count)));
    return new Run[] {uploads, gets};
  }

  /**
   * Kills the node holding the most replicas ({@code crash}); times until the name node no longer
   * counts it up, until it is dead, and until every chunk is healed; then {@code restart}s it. The
   * copy rate is the name node's own: the bytes copied over the time from finding chunks short to
   * healed (as HDFS's is from the DataNode's death to healed), not counting the detection.
   */
  static List<Figure> recovery(StorkClient client, String prefix, Consumer<String> crash, Consumer<String> restart,
                               double writeLimitMiBs) throws Exception {
    CompletableFuture<Healed> healedEvent = new CompletableFuture<>();
    try (AutoCloseable events = client.subscribe(event -> {
      if (event.kind() == ClusterEvent.Kind.HEALED) {
        healedEvent.complete(new Healed(event, System.nanoTime())); // the first one: complete() keeps it
      }
    })) {
      // Asked after subscribing: the name node has the subscription once it answers (it hands both to its keeper in order).
      ClusterSummary before = client.summary();
      String victim = client.nodes().stream().max(Comparator.comparingLong(NodeStatus::chunks)).orElseThrow().id();
      long start = System.nanoTime();
      crash.accept(victim);
      List<NodeStatus> gone = client.awaitNodes(nodes -> nodes.stream().anyMatch(n -> n.id().equals(victim) && !n.isUp()),
          Duration.ofMinutes(10), Duration.ofMillis(2));
      long goneAt = System.nanoTime();
      // Only a remote node is unreachable (no reads from it) before it is dead.
      boolean unreachable = gone.stream().anyMatch(n -> n.id().equals(victim) && n.state() == NodeState.UNREACHABLE);
      // Healed may come before dead: a process found gone is copied for after the unreachable grace.
      Healed heal = healedEvent.get(10, TimeUnit.MINUTES);
      ClusterEvent copying = heal.event();
      long healed = heal.atNanos();
      long dead = until(() -> client.awaitNodes(nodes -> nodes.stream().anyMatch(n -> n.id().equals(victim) && n.state() == NodeState.DEAD),
          Duration.ofMinutes(10), Duration.ofMillis(2)).stream().anyMatch(n -> n.id().equals(victim) && n.state() == NodeState.DEAD));
      ClusterSummary after = client.summary();
      double copiedMiB = (after.bytesRepaired() - before.bytesRepaired()) / (1024.0 * 1024.0);
      restart.accept(victim);
      List<Figure> figures = new ArrayList<>();
      if (unreachable) {
        figures.add(Figure.of(prefix + "recovery: kill to unreachable", (goneAt - start) / 1e6, "ms"));
      }
      figures.add(Figure.of(prefix + "recovery: kill to dead", (dead - start) / 1e6, "ms"));
      figures.add(Figure.of(prefix + "recovery: kill to healed", (healed - start) / 1e9, "s"));
      figures.add(Figure.of(prefix + "recovery: copied", copiedMiB, "MiB"));
      figures.add(Figure.against(prefix + "recovery: copy rate", copying.bytes() / (1024.0 * 1024.0)
          / Math.max(0.001, copying.durationMillis() / 1e3), "MiB/s", "fsynced disk write", writeLimitMiBs));
      return figures;
    }
  }

  /** The name node's {@code healed} event, and when this client heard it. */
  private record Healed(ClusterEvent event, long atNanos) {}

  /** The moment a wait (polling every 2 ms) saw its condition; {@code reached} waits and says whether it held. */
  private static long until(BooleanSupplier reached) {
    if (!reached.getAsBoolean()) {
      throw new IllegalStateException("the cluster did not get there within 10 minutes");
    }
    return System.nanoTime();
  }


  private interface Op {
    boolean run(int index) throws Exception;
  }

  private record Run(long nanos, long[] latencies) {
    double perSecond() {
      return latencies.length / (nanos / 1e9);
    }

    double percentileMillis(int percentile) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      int at = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
      return sorted[Math.max(0, at)] / 1e6;
    }
  }

  private static Run run(int count, int clients, Op op) throws Exception {
    long[] latencies = new long[count];
    long nanos = Threads.timed(clients, client -> {
      for (int i = client; i < count; i += clients) {
        long t = System.nanoTime();
        if (!op.run(i)) {
          throw new IllegalStateException("operation " + i + " returned wrong content");
        }
        latencies[i] = System.nanoTime() - t;
      }
    });
    return new Run(nanos, latencies);
  }


  static Path randomFile(Path file, long size) throws IOException {
    SplittableRandom random = new SplittableRandom(size);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += block.length) {
        ByteBuffer longs = ByteBuffer.wrap(block);
        while (longs.hasRemaining()) {
          longs.putLong(random.nextLong());
        }
        out.write(block, 0, (int) Math.min(block.length, size - written));
      }
    }
    return file;
  }

  private static double mibPerSecond(long bytes, long startNanos) {
    return bytes / (1024.0 * 1024.0) / ((System.nanoTime() - startNanos) / 1e9);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
