package io.stork.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code scripts/stork-keys} (each run starts keytool four times: about two seconds). */
final class StorkKeysScript {
  static final Path SCRIPT = Path.of("").toAbsolutePath().resolve("../../scripts/stork-keys").normalize();

  /** How a run ended: its exit code and what it printed on stdout and stderr together. */
  record Result(int exitCode, String output) {}

  private StorkKeysScript() {}

  /** Runs the script with these arguments; {@code env} adds variables (STORK_KEYS_PASSWORD is unset otherwise). */
  static Result run(Map<String, String> env, String... args) {
    return start(env, args).join();
  }

  /** Fresh keys in each of {@code dirs}, made side by side (with {@code env} as in {@link #run}); returns them. */
  static List<Path> make(Map<String, String> env, Path... dirs) {
    List<CompletableFuture<Result>> runs = new ArrayList<>();
    for (Path dir : dirs) {
      runs.add(start(env, dir.toString()));
    }
    for (CompletableFuture<Result> run : runs) {
      Result result = run.join();
      assertEquals(0, result.exitCode(), result.output());
    }
    return List.of(dirs);
  }

  private static CompletableFuture<Result> start(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove(ClusterKeys.PASSWORD_ENV);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      return CompletableFuture.supplyAsync(() -> finish(process));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Result finish(Process process) {
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("stork-keys did not end within 60 s: " + output);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The first line of {@code dir/password}, as the script wrote it. */
  static String password(Path dir) {
    try {
      return Files.readAllLines(dir.resolve("password")).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
