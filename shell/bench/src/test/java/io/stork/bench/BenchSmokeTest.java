package io.stork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/bench --quick --json} runs and reports every figure, each a positive number, with
 * its ratio wherever a limit bounds it. Correctness only: speed is not asserted in tests.
 */
class BenchSmokeTest {
  static final List<String> FIGURES = List.of(
      "limit: fsynced sequential write, 1 writer", "limit: fsynced sequential write, 3 writers", "limit: SHA-256, one core",
      "limit: fsynced 1 KiB file creates, 1 thread", "limit: fsynced 1 KiB file creates, 8 threads", "upload 32 MiB (R=3)", "get 32 MiB", "recovery: kill to dead",
      "recovery: kill to healed", "recovery: copied", "recovery: copy rate", "small uploads, 1 client",
      "small upload latency p50, 1 client", "small upload latency p99, 1 client", "small gets, 1 client",
      "small get latency p50, 1 client", "small get latency p99, 1 client", "small uploads, 8 clients",
      "small upload latency p50, 8 clients", "small upload latency p99, 8 clients", "small gets, 8 clients",
      "small get latency p50, 8 clients", "small get latency p99, 8 clients", "name node heap per chunk (100000 chunks)",
      "list with 10000 artifacts (median of 5)", "start-up: empty batch, launch to exit", "start-up: launch to prompt");
  static final List<String> BOUNDED = List.of("upload 32 MiB (R=3)", "get 32 MiB", "recovery: copy rate",
      "small uploads, 1 client", "small uploads, 8 clients");

  @Test
  void theQuickRunReportsEveryFigure(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    List<String> launcher = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.stork.shell.StorkMain");
    int code = Bench.run(new String[] {"--quick", "--json", "--dir", dir.toString()}, new PrintStream(out, true),
        new PrintStream(progress, true), launcher);
    assertEquals(0, code, progress.toString(StandardCharsets.UTF_8));

    JsonNode root = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertTrue(root.get("quick").asBoolean());
    List<String> names = new ArrayList<>();
    for (JsonNode figure : root.get("figures")) {
      String name = figure.get("name").asText();
      names.add(name);
      double value = figure.get("value").asDouble();
      assertTrue(value > 0 && Double.isFinite(value), name + " = " + value);
      assertEquals(BOUNDED.contains(name), figure.hasNonNull("ratio"), name + " has a ratio exactly when a limit bounds it");
    }
    assertEquals(FIGURES, names);
  }

  @Test
  void aFigureReadsAsNameValueUnitAndRatio() {
    assertEquals("get 256 MiB: 512 MiB/s (0.40 of SHA-256 rate)", Figure.against("get 256 MiB", 512, "MiB/s", "SHA-256 rate", 1280).line());
    assertEquals("recovery: kill to healed: 1.25 s", Figure.of("recovery: kill to healed", 1.25, "s").line());
  }

  @Test
  void unknownOptionsAreUsageErrors() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, Bench.run(new String[] {"--fast"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true)));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("bench: unknown option '--fast'"));
    ByteArrayOutputStream missing = new ByteArrayOutputStream();
    assertEquals(2, Bench.run(new String[] {"--dir"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(missing, true)));
    assertEquals("bench: --dir needs a value\n(bench --help shows the options)\n", missing.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpNamesEveryOption() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, Bench.run(new String[] {"--help"}, new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream())));
    for (String option : List.of("--quick", "--json", "--dir", "--processes", "--chaos", "--help")) {
      assertTrue(out.toString(StandardCharsets.UTF_8).contains(option), option);
    }
  }
}
