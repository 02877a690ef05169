package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import io.stork.shell.LineTokenizer.Word;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one dispatcher: the prompt, batch files, stdin, {@code -c}, one-shot commands and
 * {@code source} all run their commands through {@link #execute}, so a command behaves the same
 * wherever it is typed. Each returns an exit status ({@link ExitCode}).
 */
final class Shell {
  /** Deep enough for any real nesting, shallow enough to stop a file that sources itself. */
  static final int MAX_SOURCE_DEPTH = 16;

  private static final Logger log = LoggerFactory.getLogger(Shell.class);

  /** A failure already reported (a sourced batch that failed): only its status is left to pass on. */
  static final class AlreadyReported extends RuntimeException {
    final int status;

    AlreadyReported(int status) {
      super(null, null, false, false);
      this.status = status;
    }
  }

  private final Backend backend;
  private final Console console;
  private final Session session;
  private final boolean keepGoing;
  private int sourceDepth;
  private volatile boolean exitRequested;

  Shell(Backend backend, Console console, boolean keepGoing, boolean json, Supplier<List<String>> history) {
    this.backend = backend;
    this.console = console;
    this.keepGoing = keepGoing;
    this.session = new Session(backend, console, this, json, history);
  }

  Shell(Backend backend, Console console, boolean keepGoing) {
    this(backend, console, keepGoing, false, List::of);
  }

  /**
   * Runs one line; blank lines and # comments do nothing. A failure is reported as one line,
   * prefixed with {@code where} ({@code demo.stork:4: }), and gives its exit status.
   */
  int execute(String line, String where) {
    String trimmed = line.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return ExitCode.OK;
    }
    boolean json = session.jsonByDefault() || trimmed.contains("--json");
    try {
      return run(LineTokenizer.split(line), where);
    } catch (CommandException e) {
      return failed(where, e.kind(), e.getMessage(), json);
    }
  }

  /** Runs the words of one command: {@code stork get x --out -} as the command line gave them. */
  int execute(List<String> words, String where) {
    return run(words.stream().map(Word::plain).toList(), where);
  }

  private int run(List<Word> words, String where) {
    boolean json = session.jsonByDefault() || words.stream().anyMatch(w -> !w.quoted() && w.text().equals("--json"));
    try {
      ShellParser.Parsed parsed = ShellParser.parse(words);
      json |= parsed.json();
      if (parsed.help()) {
        new Output(console, false).result(null, HelpCommand.explain(parsed.line(), console.width() > 0 ? console.width()
            : HelpCommand.WIDTH));
        return ExitCode.OK;
      }
      String lost = backend.lost();
      if (lost != null && !(parsed.command() instanceof HelpCommand) && !(parsed.command() instanceof ExitCommand)) {
        throw new StorkException(ErrorKind.UNAVAILABLE, lost);
      }
      long start = System.nanoTime();
      boolean timed = session.timing(); // timing on is not timed itself, timing off is
      parsed.command().run(session, new Output(console, json));
      if (timed) {
        console.remark("time: " + Durations.format(Duration.ofNanos(System.nanoTime() - start)));
      }
      return ExitCode.OK;
    } catch (AlreadyReported e) {
      return e.status;
    } catch (CommandException e) {
      return failed(where, e.kind(), e.getMessage(), json);
    } catch (StorkException e) {
      return failed(where, e.kind(), e.getMessage(), json);
    } catch (RuntimeException e) {
      // A bug, not bad input: still one line for the user, the stack trace in the log.
      log.error("command failed: {}", words, e);
      return failed(where, ErrorKind.INTERNAL, "internal error (" + e + "); details in the log", json);
    } finally {
      console.flush();
    }
  }

  private int failed(String where, ErrorKind kind, String message, boolean json) {
    console.error(where, kind, message, json);
    return ExitCode.of(kind);
  }

  /**
   * Runs every line of {@code lines}, errors prefixed with {@code name} and the line number. Stops
   * at the first failure unless keep-going; stops at exit. The status of the first failure, or 0.
   */
  int runBatch(BatchReader lines, String name) {
    int status = ExitCode.OK;
    String line;
    while (!exitRequested) {
      try {
        line = lines.readLine();
      } catch (IOException e) {
        console.error(name + ":" + lines.lineNumber() + ": ", ErrorKind.INVALID, e instanceof BatchReader.BadLine
            ? e.getMessage() : "cannot read: " + e.getMessage(), session.jsonByDefault());
        return ExitCode.first(status, e instanceof BatchReader.BadLine ? ExitCode.USAGE : ExitCode.of(ErrorKind.IO));
      }
      if (line == null) {
        break;
      }
      String where = name + ":" + lines.lineNumber() + ": ";
      if (Thread.currentThread().isInterrupted()) { // Ctrl-C between two commands of a sourced file
        console.error(where, ErrorKind.CANCELLED, "cancelled", session.jsonByDefault());
        return ExitCode.first(status, ExitCode.of(ErrorKind.CANCELLED));
      }
      int result = execute(line, where);
      status = ExitCode.first(status, result);
      if (result != ExitCode.OK && (!keepGoing || Thread.currentThread().isInterrupted())) {
        break;
      }
    }
    return status;
  }

  /** Commands separated by ';' ({@code -c 'upload a x; get a'}), as a batch named {@code -c}. */
  int runCommands(String commands) {
    int status = ExitCode.OK;
    int number = 0;
    for (String command : LineTokenizer.splitCommands(commands)) {
      number++;
      int result = execute(command, "-c:" + number + ": ");
      status = ExitCode.first(status, result);
      if (exitRequested || result != ExitCode.OK && !keepGoing) {
        break;
      }
    }
    return status;
  }

  /** {@code source FILE}: a batch inside the current one, or at the prompt. */
  int source(String typed) {
    if (sourceDepth >= MAX_SOURCE_DEPTH) {
      throw new CommandException("source is nested " + MAX_SOURCE_DEPTH + " deep; does a file source itself?");
    }
    Path path = LocalPaths.readableFile(typed);
    sourceDepth++;
    try (BatchReader reader = BatchReader.open(path)) {
      return runBatch(reader, typed);
    } catch (IOException e) {
      throw new CommandException(ErrorKind.IO, "cannot read " + printable(typed) + ": " + e.getMessage());
    } finally {
      sourceDepth--;
    }
  }

  void requestExit() {
    exitRequested = true;
  }

  boolean exitRequested() {
    return exitRequested;
  }
}
