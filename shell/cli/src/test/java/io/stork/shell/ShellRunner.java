package io.stork.shell;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs StorkMain.run as a user would, capturing what it prints. */
final class ShellRunner {
  record Result(int code, String out, String err, byte[] bytes) {
    Result(int code, String out, String err) {
      this(code, out, err, out.getBytes(StandardCharsets.UTF_8));
    }
  }

  private ShellRunner() {}

  static Result run(Environment environment, String stdin, String... args) {
    return runBytes(environment, stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  /** As {@link #run}, with stdin as raw bytes (not necessarily UTF-8). */
  static Result runBytes(Environment environment, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      ByteArrayInputStream in = new ByteArrayInputStream(stdin);
      code = environment == null ? StorkMain.run(args, in, o, e) : StorkMain.run(args, in, o, e, environment);
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
  }

  /** The real program: a cluster of its own per run, stdin as a batch. */
  static Result runReal(String stdin, String... args) {
    return run(null, stdin, args);
  }

  /** A small cluster with 64 KiB chunks, so that a few hundred KiB make a multi-chunk artifact. */
  static LocalCluster startCluster(Path dir) {
    return LocalCluster.start(dir, ConfigFactory.parseMap(Map.of(
        "stork.replication", 3, "stork.chunk-size", "64KiB", "stork.embedded.storage-nodes", 4)));
  }

  /** Every run of StorkMain gets the same, already running cluster (and does not stop it). */
  static Environment sharing(LocalCluster cluster) {
    return sharing(cluster, () -> null);
  }

  /** As {@link #sharing(LocalCluster)}, with a prompt on {@code terminal}. */
  static Environment sharing(LocalCluster cluster, Environment.TerminalSource terminal) {
    Backend shared = Backend.of(cluster, "test cluster", () -> { }); // the test class stops the cluster
    return new Environment(terminal, options -> shared, false);
  }
}
