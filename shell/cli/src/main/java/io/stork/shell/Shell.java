package io.stork.shell;

import io.stork.protocol.ArtifactNames;
import io.stork.protocol.StorkException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one dispatcher: the prompt, batch files, stdin and {@code source} all run their lines through
 * {@link #execute}, so a command behaves the same wherever it is typed.
 */
final class Shell {
  /** Deep enough for any real nesting, shallow enough to stop a file that sources itself. */
  static final int MAX_SOURCE_DEPTH = 16;

  private static final Logger log = LoggerFactory.getLogger(Shell.class);

  private final Console console;
  private final Commands commands;
  private final boolean keepGoing;
  private int sourceDepth;
  private volatile boolean exitRequested;

  Shell(Backend backend, Console console, boolean keepGoing) {
    this.console = console;
    this.keepGoing = keepGoing;
    this.commands = new Commands(backend, console, this);
  }

  /**
   * Runs one line; blank lines and # comments do nothing. A failure is reported as one line,
   * prefixed with {@code where} ({@code demo.stork:4: }), and makes this return false.
   */
  boolean execute(String line, String where) {
    String trimmed = line.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return true;
    }
    try {
      return commands.run(Invocation.parse(LineTokenizer.split(line)));
    } catch (CommandException | StorkException e) {
      console.error(where, e.getMessage());
      return false;
    } catch (RuntimeException e) {
      // A bug, not bad input: still one line for the user, the stack trace in the log.
      log.error("command failed: {}", line, e);
      console.error(where, "internal error (" + e + "); details in the log");
      return false;
    } finally {
      console.flush();
    }
  }

  /**
   * Runs every line of {@code lines}, errors prefixed with {@code name} and the line number.
   * Stops at the first failure unless keep-going; stops at exit. True when nothing failed.
   */
  boolean runBatch(BufferedReader lines, String name) {
    boolean ok = true;
    int number = 0;
    try {
      for (String line = lines.readLine(); line != null && !exitRequested; line = lines.readLine()) {
        number++;
        String where = name + ":" + number + ": ";
        if (Thread.currentThread().isInterrupted()) { // Ctrl-C between two commands of a sourced file
          console.error(where, "cancelled");
          return false;
        }
        if (!execute(line, where)) {
          ok = false;
          if (!keepGoing || Thread.currentThread().isInterrupted()) {
            break;
          }
        }
      }
    } catch (IOException e) {
      console.error(name + ":" + (number + 1) + ": ", "cannot read: " + e.getMessage());
      return false;
    }
    return ok;
  }

  /** {@code source FILE}: a batch inside the current one, or at the prompt. */
  boolean source(String typed) {
    if (sourceDepth >= MAX_SOURCE_DEPTH) {
      throw new CommandException("source is nested " + MAX_SOURCE_DEPTH + " deep; does a file source itself?");
    }
    Path path = LocalPaths.readableFile(typed);
    sourceDepth++;
    try (BufferedReader reader = open(path)) {
      return runBatch(reader, typed);
    } catch (IOException e) {
      throw new CommandException("cannot read " + ArtifactNames.printable(typed) + ": " + e.getMessage());
    } finally {
      sourceDepth--;
    }
  }

  /** Reads UTF-8; a malformed byte becomes U+FFFD rather than failing the whole batch. */
  static BufferedReader open(Path path) throws IOException {
    return new BufferedReader(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8));
  }

  void requestExit() {
    exitRequested = true;
  }

  boolean exitRequested() {
    return exitRequested;
  }
}
