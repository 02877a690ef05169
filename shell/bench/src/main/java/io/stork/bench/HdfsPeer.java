package io.stork.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HDFS peer run in the same bench run, on the same machine, right after Stork's processes: the
 * {@code hdfs-procs} benchmark (HDFS as processes: 1 NameNode and 5 DataNodes, each its own JVM, RF 3,
 * a client JVM), its {@code hdfs-procs.NAME: VALUE} lines read back as figures and set beside
 * Stork's of the same kind ({@code processes / hdfs: ...}). Its log goes to a file beside the run.
 */
final class HdfsPeer {
  static final String HDFS = "hdfs processes: ";
  private static final String PREFIX = "hdfs-procs.";
  private static final long TIMEOUT_MINUTES = 30;

  private HdfsPeer() {}

  /** Runs {@code peer/run.sh} with an artifact of {@code bytes}; returns its figures and their ratios to {@code stork}. */
  static List<Figure> measure(Path peer, long bytes, List<Figure> stork, Path dir, PrintStream log)
      throws IOException, InterruptedException {
    Path script = peer.resolve("run.sh");
    if (!Files.isRegularFile(script)) {
      throw new IllegalArgumentException("--hdfs " + peer + ": no run.sh there (the hdfs-procs peer)");
    }
    long mib = bytes >> 20;
    Path peerLog = dir.resolve("hdfs-peer.log");
    log.println("bench: running the HDFS peer " + peer + " (" + mib + " MiB; its log: " + peerLog + ")...");
    Path peerOut = dir.resolve("hdfs-peer.out");
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "-Dbench.bigMiB=" + mib)
        .directory(peer.toFile()).redirectError(peerLog.toFile()).redirectOutput(peerOut.toFile());
    if (Files.isDirectory(peer.resolve("target/lib"))) {
      builder.environment().put("SKIP_BUILD", "1");
    }
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroy(); // its EXIT trap stops the daemons it started
      throw new IOException("the HDFS peer did not finish within " + TIMEOUT_MINUTES + " minutes; see " + peerLog);
    }
    if (process.exitValue() != 0) {
      throw new IOException("the HDFS peer failed (exit " + process.exitValue() + "); see " + peerLog);
    }
    Map<String, String> values = new HashMap<>();
    for (String line : Files.readAllLines(peerOut, StandardCharsets.UTF_8)) {
      int colon = line.indexOf(": ");
      if (line.startsWith(PREFIX) && colon > 0) {
        values.put(line.substring(PREFIX.length(), colon), line.substring(colon + 2).trim());
      }
    }
    return figures(values, mib, stork);
  }

  /** The peer's figures that Stork measures too, then Stork's divided by them. */
  static List<Figure> figures(Map<String, String> values, long mib, List<Figure> stork) {
    List<Figure> figures = new ArrayList<>();
    add(figures, values, "put_8mblk_mib_s", "upload " + mib + " MiB (RF 3, 8 MiB blocks)", "MiB/s", 1);
    add(figures, values, "put_128mblk_mib_s", "upload " + mib + " MiB (RF 3, 128 MiB blocks)", "MiB/s", 1);
    add(figures, values, "get_8mblk_mib_s", "get " + mib + " MiB (8 MiB blocks)", "MiB/s", 1);
    add(figures, values, "get_128mblk_mib_s", "get " + mib + " MiB (128 MiB blocks)", "MiB/s", 1);
    add(figures, values, "recovery_defstreams_detect_ms", "recovery: kill to dead", "ms", 1);
    add(figures, values, "recovery_defstreams_total_ms", "recovery: kill to healed", "s", 1e-3);
    add(figures, values, "recovery_defstreams_mib_rereplicated", "recovery: copied", "MiB", 1);
    add(figures, values, "recovery_defstreams_rereplicate_mib_s", "recovery: copy rate", "MiB/s", 1);
    List<Figure> ratios = new ArrayList<>();
    ratio(ratios, stork, figures, "upload " + mib + " MiB (R=3)", "upload " + mib + " MiB (RF 3, 8 MiB blocks)");
    ratio(ratios, stork, figures, "get " + mib + " MiB", "get " + mib + " MiB (8 MiB blocks)");
    ratio(ratios, stork, figures, "recovery: kill to healed", "recovery: kill to healed");
    ratio(ratios, stork, figures, "recovery: copy rate", "recovery: copy rate");
    figures.addAll(ratios);
    return figures;
  }

  private static void add(List<Figure> figures, Map<String, String> values, String key, String name, String unit, double scale) {
    String value = values.get(key);
    if (value != null) {
      try {
        figures.add(Figure.of(HDFS + name, Double.parseDouble(value) * scale, unit));
      } catch (NumberFormatException e) {
        // a figure the peer could not take ("n/a"): left out, as the peer left it
      }
    }
  }

  private static void ratio(List<Figure> ratios, List<Figure> stork, List<Figure> hdfs, String storkName, String hdfsName) {
    Figure ours = find(stork, Ratios.PROCESSES + storkName);
    Figure theirs = find(hdfs, HDFS + hdfsName);
    if (ours != null && theirs != null && theirs.value() > 0) {
      ratios.add(Figure.of("processes / hdfs processes: " + storkName, ours.value() / theirs.value(), "x"));
    }
  }

  private static Figure find(List<Figure> figures, String name) {
    return figures.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
  }
}
