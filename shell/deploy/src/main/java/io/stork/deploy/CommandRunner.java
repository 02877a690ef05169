package io.stork.deploy;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command (ssh, scp, stork-keys) to its end and hands back its exit status and output. */
class CommandRunner {
  /** Its exit status and its stdout and stderr, together, trimmed. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  Result run(List<String> command, Duration timeout) {
    Path output = null;
    Process process = null;
    try {
      // The output goes to a file, not a pipe: a command that hangs cannot hold up the read, only the timeout.
      output = Files.createTempFile("stork-deploy-", ".out");
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
          .redirectInput(new File("/dev/null")).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new StorkException(ErrorKind.UNAVAILABLE, ShellWords.join(command) + " did not end within " + timeout.toSeconds() + " s");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new StorkException(ErrorKind.CANCELLED, "cancelled");
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }
}
