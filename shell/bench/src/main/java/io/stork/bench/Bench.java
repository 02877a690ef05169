package io.stork.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.ConfigFactory;
import io.stork.embedded.EmbeddedCluster;
import io.stork.runtime.CommandLines;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/bench}: Stork's speed beside this machine's limits, measured in the same run.
 * Prints {@code name: value unit (ratio of limit)} per figure, or one JSON object with {@code --json}.
 */
public final class Bench {

  /** How much work each part does: the full run, or {@code --quick} (under a minute). */
  record Scale(long writeBytes, long digestBytes, int creates, long largeBytes, int runs, int small, Duration smallWarmUp,
               int largeWarmUps, int footprintChunks, int listArtifacts, Duration chaosPhase) {
    static final Scale FULL = new Scale(768L << 20, 256L << 20, 2_000, 256L << 20, 3, 2_000, Duration.ofSeconds(30), 5, 1_000_000,
        100_000, Duration.ofSeconds(30));
    static final Scale QUICK = new Scale(96L << 20, 64L << 20, 300, 32L << 20, 3, 300, Duration.ZERO, 1, 100_000, 10_000,
        Duration.ofSeconds(3));
  }

  /** The command line, described once: parsing and --help both come from it. */
  @Command(name = "scripts/bench", sortOptions = false, description = "Measures Stork beside this machine's limits.")
  static final class Flags {
    @Option(names = "--quick", description = "everything scaled down (under a minute)")
    boolean quick;

    @Option(names = "--json", description = "one JSON object instead of lines")
    boolean json;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "where to measure (default: the temporary directory); must be on the disk to judge")
    Path dir;

    @Option(names = "--processes", description = "instead of the embedded figures: large artifacts and recovery on a name node "
        + "and 5 storage nodes deployed as processes on 127.0.0.1..6, over TLS")
    boolean processes;

    @Option(names = "--hdfs", paramLabel = "DIR", description = "with --processes: then run the HDFS peer in DIR (its run.sh: "
        + "HDFS as processes, e.g. ../shared/peers/hdfs-procs) in the same run, and set its figures beside Stork's")
    Path hdfs;

    @Option(names = "--chaos", description = "instead: a small-artifact workload without faults, under message drops and under "
        + "the chaos monkey; fails if an acknowledged artifact is lost")
    boolean chaos;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;
  }

  private final Scale scale;
  private final Path dir;
  private final PrintStream progress;
  private final List<String> launcher;
  private final List<Figure> figures = new ArrayList<>();

  private Bench(Scale scale, Path dir, PrintStream progress, List<String> launcher) {
    this.scale = scale;
    this.dir = dir;
    this.progress = progress;
    this.launcher = launcher;
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the benchmark; returns the exit status (0, or 2 for a usage error). */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    return run(args, out, err, List.of(System.getProperty("stork.launcher", "scripts/stork")));
  }

  /** As {@link #run(String[], PrintStream, PrintStream)}, starting Stork with {@code launcher} for the start-up figures. */
  static int run(String[] args, PrintStream out, PrintStream err, List<String> launcher) throws Exception {
    Flags flags = new Flags();
    Integer done = CommandLines.parse("bench", flags, args, out, err);
    if (done != null) {
      return done;
    }
    boolean quick = flags.quick;
    boolean json = flags.json;
    boolean processes = flags.processes;
    boolean chaos = flags.chaos;
    if (flags.hdfs != null && !processes) {
      err.println("bench: --hdfs goes with --processes");
      return 2;
    }
    Path dir = flags.dir;
    Path work = Files.createTempDirectory(dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : dir, "stork-bench-");
    try {
      Bench bench = new Bench(quick ? Scale.QUICK : Scale.FULL, work, err, launcher);
      if (chaos) {
        bench.step("the workload under faults");
        ChaosBench.measure(work, bench.scale.chaosPhase(), err).forEach(bench::add);
      } else if (processes) {
        bench.measureProcesses(flags.hdfs);
      } else {
        bench.measure();
      }
      out.print(json ? bench.json(quick) : bench.text());
      out.flush();
      return 0;
    } finally {
      deleteTree(work);
    }
  }

  /** The limits, then the large-artifact and recovery figures in one JVM and across processes, and their ratios. */
  private void measureProcesses(Path hdfs) throws Exception {
    double[] limits = limits();
    step("a cluster of processes");
    ProcessBench.measure(dir, launcher, scale.largeBytes(), scale.runs(), scale.largeWarmUps(), limits[0], limits[1], progress)
        .forEach(figures::add);
    if (hdfs != null) {
      step("the HDFS peer");
      HdfsPeer.measure(hdfs.toAbsolutePath(), scale.largeBytes(), List.copyOf(figures), dir, progress).forEach(this::add);
    }
  }

  /** The machine's limits, printed; returns the write bound, the digest rate, and creates from 1 and 8 threads. */
  private double[] limits() throws Exception {
    step("machine limits");
    double write1 = MachineLimits.fsyncedWriteMiBs(dir, scale.writeBytes(), 1);
    double write3 = MachineLimits.fsyncedWriteMiBs(dir, scale.writeBytes(), 3);
    double digest = MachineLimits.sha256MiBs(scale.digestBytes());
    double creates = MachineLimits.fsyncedCreatesPerSecond(dir, scale.creates(), 1);
    double creates8 = MachineLimits.fsyncedCreatesPerSecond(dir, scale.creates(), 8);
    add(Figure.of("limit: fsynced sequential write, 1 writer", write1, "MiB/s"));
    add(Figure.of("limit: fsynced sequential write, 3 writers", write3, "MiB/s"));
    add(Figure.of("limit: SHA-256, one core", digest, "MiB/s"));
    add(Figure.of("limit: fsynced 1 KiB file creates, 1 thread", creates, "files/s"));
    add(Figure.of("limit: fsynced 1 KiB file creates, 8 threads", creates8, "files/s"));
    return new double[] {Math.max(write1, write3), digest, creates, creates8};
  }

  private void measure() throws Exception {
    double[] limits = limits();
    double writeLimit = limits[0];
    double digest = limits[1];
    double creates = limits[2];
    double creates8 = limits[3];

    Path data = dir.resolve("cluster");
    try (EmbeddedCluster cluster = EmbeddedCluster.start(data, ConfigFactory.parseString("stork.garbage-grace = 1s"))) {
      int replication = cluster.client().summary().replication();
      step("large artifact");
      ClusterBench.large(cluster.client(), "", dir, scale.largeBytes(), scale.runs(), scale.largeWarmUps(), writeLimit, replication,
          digest).forEach(this::add);
      step("recovery");
      ClusterBench.recovery(cluster.client(), "", cluster::stopStorageNode, cluster::restartStorageNode, writeLimit)
          .forEach(this::add);
      step("small artifacts");
      ClusterBench.warmUp(cluster, scale.small(), 1024, scale.smallWarmUp());
      ClusterBench.small(cluster, scale.small(), 1, 1024, creates, replication).forEach(this::add);
      ClusterBench.small(cluster, scale.small(), 8, 1024, creates8, replication).forEach(this::add);
    }
    step("name node footprint");
    add(NameNodeBench.heapPerChunk(scale.footprintChunks()));
    Path listed = dir.resolve("listed");
    NameNodeBench.writeJournal(listed.resolve("namenode").resolve("journal.log"), scale.listArtifacts());
    try (EmbeddedCluster cluster = EmbeddedCluster.start(listed, ConfigFactory.empty())) {
      add(ListTiming.time(cluster.client(), scale.listArtifacts()));
    }
    step("start-up");
    StartupBench.measure(launcher, dir).forEach(this::add);
  }

  private void step(String what) {
    progress.println("bench: measuring " + what + "...");
  }

  private void add(Figure figure) {
    figures.add(figure);
    progress.println("  " + figure.line());
  }

  private String text() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.println("# Stork bench, " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap");
    figures.forEach(f -> out.println(f.line()));
    out.flush();
    return text.toString();
  }

  private String json(boolean quick) throws Exception {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("date", LocalDate.now().toString());
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("quick", quick);
    root.put("figures", figures);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + System.lineSeparator();
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
