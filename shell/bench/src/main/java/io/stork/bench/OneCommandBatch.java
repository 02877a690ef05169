package io.stork.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The wall time of {@code scripts/stork ... --batch FILE} where FILE holds one {@code list}: launch, connect, list, exit. */
final class OneCommandBatch {
  private OneCommandBatch() {}

  /** The second of two runs (the first warms the page cache), in milliseconds. */
  static double millis(List<String> launcher, Path dir, List<String> flags) throws Exception {
    Path batch = Files.writeString(dir.resolve("one-list.stork"), "list\n");
    List<String> command = new ArrayList<>(launcher);
    command.addAll(flags);
    command.addAll(List.of("--batch", batch.toString()));
    run(command);
    long start = System.nanoTime();
    run(command);
    return (System.nanoTime() - start) / 1e6;
  }

  private static void run(List<String> command) throws Exception {
    Path output = Files.createTempFile("stork-batch-", ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("a batch of one list did not finish within 120 s: " + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("a batch of one list exited with " + process.exitValue() + ": " + Files.readString(output));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
