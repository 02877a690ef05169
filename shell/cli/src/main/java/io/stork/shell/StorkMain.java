package io.stork.shell;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorkException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jline.terminal.Terminal;
import org.slf4j.LoggerFactory;

/**
 * The {@code stork} program: parses the launcher flags, starts the embedded cluster (or connects),
 * then runs one command, the commands of -c, a batch, the commands piped on stdin, or the prompt,
 * and stops the cluster on the way out.
 */
public final class StorkMain {
  /** Where the prompt keeps its history; a system property so tests can move it. */
  static final String HISTORY_PROPERTY = "stork.history.file";
  /** Read by logback.xml: the log goes to {@code <data-dir>/stork.log}. */
  static final String LOG_DIR_PROPERTY = "stork.log.dir";

  private StorkMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs stork as the command line would and returns its exit status. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, Environment.system(in, out));
  }

  static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Environment environment) {
    PrintWriter stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8));
    try {
      return launch(args, in, out, stdout, stderr, environment);
    } catch (UsageException e) {
      if (e.json()) {
        stderr.println(Json.line(error(e.getMessage(), ErrorKind.INVALID)));
      } else {
        stderr.println("stork: " + e.getMessage());
        stderr.println("Try 'stork --help' for more information.");
      }
      return ExitCode.USAGE;
    } catch (StorkException e) {
      stderr.println("stork: " + e.getMessage());
      return ExitCode.of(e.kind());
    } catch (CommandException e) {
      stderr.println("stork: " + e.getMessage());
      return ExitCode.of(e.kind());
    } catch (IOException e) {
      stderr.println("stork: " + e.getMessage());
      return ExitCode.of(ErrorKind.IO);
    } finally {
      stdout.flush();
      stderr.flush();
    }
  }

  private static Map<String, Object> error(String message, ErrorKind kind) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("error", message);
    error.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    error.put("exit", ExitCode.of(kind));
    return error;
  }

  private static int launch(String[] args, InputStream in, PrintStream out, PrintWriter stdout, PrintWriter stderr,
                            Environment environment) throws UsageException, IOException {
    LaunchOptions options = LaunchOptions.parse(args);
    if (options.help()) {
      LaunchOptions.commandLine(new LaunchOptions.Flags()).usage(stdout);
      return ExitCode.OK;
    }
    if (options.version()) {
      stdout.println("stork " + version());
      return ExitCode.OK;
    }
    if (Files.exists(options.dataDir()) && !Files.isDirectory(options.dataDir())) {
      throw new UsageException("--data-dir " + options.dataDir() + " is not a directory", options.json());
    }
    // First thing, before any class touches SLF4J: logback reads the property once, when it starts.
    if (System.getProperty(LOG_DIR_PROPERTY) == null) {
      System.setProperty(LOG_DIR_PROPERTY, options.dataDir().toAbsolutePath().normalize().toString());
    }
    // Start logging now, on this thread: started by several Pekko threads at once, SLF4J warns on stderr.
    LoggerFactory.getILoggerFactory();
    if (options.batchFile() != null) {
      String name = options.batchFile().equals(LaunchOptions.STDIN) ? "<stdin>" : options.batchFile().toString();
      BatchReader batch = options.batchFile().equals(LaunchOptions.STDIN) ? new BatchReader(in)
          : openBatch(options.batchFile(), options.json());
      return batch(options, environment, out, stdout, stderr, shell -> shell.runBatch(batch, name));
    }
    Terminal terminal = environment.terminal().open();
    if (options.commands() != null || !options.command().isEmpty()) {
      Run commands = options.commands() != null ? shell -> shell.runCommands(options.commands())
          : shell -> shell.execute(options.command(), "");
      if (terminal == null) {
        return batch(options, environment, out, stdout, stderr, commands);
      }
      try (terminal; Backend backend = environment.cluster().apply(options)) { // typed at a terminal: progress, widths, colours
        Path history = historyFile();
        return commands.on(new Shell(backend, Console.on(terminal, environment.noColor(), stderr), options.keepGoing(),
            options.json(), () -> HistoryFile.read(history)));
      }
    }
    if (terminal == null) {
      return batch(options, environment, out, stdout, stderr, shell -> shell.runBatch(new BatchReader(in), "<stdin>"));
    }
    try (terminal) {
      terminal.writer().println("starting stork " + version() + "...");
      terminal.writer().flush();
      try (Backend backend = environment.cluster().apply(options)) {
        Console console = Console.on(terminal, environment.noColor());
        console.println(backend.description());
        console.println("Type help for the commands, Tab to complete, Ctrl-D to leave.");
        StorkCompleter completer = new StorkCompleter(prefix -> names(backend, prefix),
            () -> nodes(backend).stream().map(NodeStatus::id).toList(),
            () -> nodes(backend).stream().flatMap(n -> n.capabilities().stream()).distinct().sorted().toList());
        Interactive prompt = new Interactive(terminal, completer, historyFile(), backend::events, environment.noColor());
        return prompt.run(new Shell(backend, console, options.keepGoing(), options.json(), prompt::history));
      }
    }
  }

  private interface Run {
    int on(Shell shell) throws IOException;
  }

  /** Commands that do not come from the prompt: output plain, errors on stderr. */
  private static int batch(LaunchOptions options, Environment environment, PrintStream out, PrintWriter stdout,
                           PrintWriter stderr, Run run) throws IOException {
    try (Backend backend = environment.cluster().apply(options)) {
      Console console = Console.plain(stdout, stderr, out, environment.stdoutIsTerminal());
      Path history = historyFile();
      return run.on(new Shell(backend, console, options.keepGoing(), options.json(), () -> HistoryFile.read(history)));
    }
  }

  /**
   * A batch that is missing, a directory or unreadable is a usage error (2), found before a cluster
   * starts. A regular file is checked whole (UTF-8) before its first command runs; a FIFO, a device
   * or a process substitution ({@code <(...)}) is read as it comes (see {@link BatchReader}).
   */
  private static BatchReader openBatch(Path file, boolean json) throws UsageException {
    if (Files.isDirectory(file)) {
      throw new UsageException("--batch: " + file + " is a directory, not a file", json);
    }
    if (!Files.exists(file)) {
      throw new UsageException("--batch: file " + file + " does not exist", json);
    }
    try {
      return BatchReader.open(file);
    } catch (IOException e) {
      throw new UsageException("--batch: cannot read " + file + ": " + e.getMessage(), json);
    }
  }

  /** Completion must never fail the prompt: a slow or failing name node just completes nothing. */
  private static List<String> names(Backend backend, String prefix) {
    try {
      return backend.client().names(prefix, StorkCompleter.MAX_NAMES);
    } catch (StorkException e) {
      return List.of();
    }
  }

  private static List<NodeStatus> nodes(Backend backend) {
    try {
      return backend.client().nodes();
    } catch (StorkException e) {
      return List.of();
    }
  }

  static Path historyFile() {
    String configured = System.getProperty(HISTORY_PROPERTY);
    return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".stork_history");
  }

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = StorkMain.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // an unknown version is no reason to fail
    }
    return properties.getProperty("version", "(unknown version)");
  }
}
