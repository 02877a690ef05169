package io.stork.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up as a user sees it: a process that runs an empty batch and exits, and a process that
 * shows the {@code stork>} prompt on a terminal ({@code script(1)} gives it a pseudo-terminal).
 */
final class StartupBench {
  private static final String PROMPT = "stork> ";

  private StartupBench() {}

  /** {@code launcher}: the command that starts Stork, e.g. {@code [scripts/stork]}. */
  static List<Figure> measure(List<String> launcher, Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.stork"), "");
    List<String> batch = new ArrayList<>(launcher);
    batch.addAll(List.of("--data-dir", dir.resolve("startup-batch").toString(), "--batch", empty.toString()));
    run(batch); // warms the page cache: the figures are for a second start, not a cold disk
    long start = System.nanoTime();
    run(batch);
    double batchMillis = (System.nanoTime() - start) / 1e6;
    return List.of(Figure.of("start-up: empty batch, launch to exit", batchMillis, "ms"),
        Figure.of("start-up: launch to prompt", promptMillis(launcher, dir.resolve("startup-prompt")), "ms"));
  }

  private static void run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("stork did not finish an empty batch within 120 s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("stork exited with " + process.exitValue() + " on an empty batch");
    }
  }

  private static double promptMillis(List<String> launcher, Path dataDir) throws Exception {
    // The pseudo-terminal starts with no size; JLine would abbreviate a prompt on 0 columns.
    String command = "stty cols 120 rows 40; exec " + String.join(" ", launcher.stream().map(StartupBench::shellQuote).toList())
        + " --data-dir " + shellQuote(dataDir.toString());
    ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true);
    builder.environment().put("TERM", "xterm");
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      awaitPrompt(process.getInputStream());
      double millis = (System.nanoTime() - start) / 1e6;
      OutputStream keys = process.getOutputStream();
      keys.write(4); // Ctrl-D: leave
      keys.flush();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("stork did not leave on Ctrl-D");
      }
      return millis;
    } finally {
      process.destroyForcibly();
    }
  }

  private static void awaitPrompt(InputStream output) throws IOException {
    StringBuilder seen = new StringBuilder();
    byte[] buffer = new byte[4096];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      int n = output.read(buffer);
      if (n < 0) {
        throw new IllegalStateException("stork ended before its prompt: " + seen);
      }
      seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      if (seen.toString().replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").contains(PROMPT)) {
        return;
      }
    }
    throw new IllegalStateException("no prompt within 120 s: " + seen);
  }

  private static String shellQuote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
