package io.stork.shell;

import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorkException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.jline.terminal.Terminal;
import org.slf4j.LoggerFactory;

/**
 * The {@code stork} program: parses the launcher flags, starts the embedded cluster, then runs the
 * prompt, a batch file, or the commands piped on stdin, and stops the cluster on the way out.
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
      return launch(args, in, stdout, stderr, environment);
    } catch (UsageException e) {
      stderr.println("stork: " + e.getMessage());
      stderr.println("Try 'stork --help' for more information.");
      return ExitCode.USAGE;
    } catch (StorkException | CommandException | IOException e) {
      stderr.println("stork: " + e.getMessage());
      return ExitCode.FAILED;
    } finally {
      stdout.flush();
      stderr.flush();
    }
  }

  private static int launch(String[] args, InputStream in, PrintWriter stdout, PrintWriter stderr, Environment environment)
      throws UsageException, IOException {
    LaunchOptions options = LaunchOptions.parse(args);
    if (options.help()) {
      stdout.print(LaunchOptions.USAGE);
      return ExitCode.OK;
    }
    if (options.version()) {
      stdout.println("stork " + version());
      return ExitCode.OK;
    }
    if (Files.exists(options.dataDir()) && !Files.isDirectory(options.dataDir())) {
      throw new UsageException("--data-dir " + options.dataDir() + " is not a directory");
    }
    // First thing, before any class touches SLF4J: logback reads the property once, when it starts.
    if (System.getProperty(LOG_DIR_PROPERTY) == null) {
      System.setProperty(LOG_DIR_PROPERTY, options.dataDir().toAbsolutePath().normalize().toString());
    }
    // Start logging now, on this thread: started by several Pekko threads at once, SLF4J warns on stderr.
    LoggerFactory.getILoggerFactory();
    if (options.batchFile() != null) {
      return runBatch(openBatch(options.batchFile()), options.batchFile().toString(), options, environment, stdout, stderr);
    }
    Terminal terminal = environment.terminal().open();
    if (terminal == null) {
      return runBatch(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), "<stdin>", options, environment,
          stdout, stderr);
    }
    try (terminal) {
      terminal.writer().println("starting stork " + version() + "...");
      terminal.writer().flush();
      try (Backend backend = environment.cluster().apply(options)) {
        Console console = Console.on(terminal);
        console.println(backend.description());
        console.println("Type help for the commands, Tab to complete, Ctrl-D to leave.");
        Shell shell = new Shell(backend, console, options.keepGoing());
        StorkCompleter completer = new StorkCompleter(prefix -> names(backend, prefix),
            () -> nodes(backend).stream().map(NodeStatus::id).toList(),
            () -> nodes(backend).stream().flatMap(n -> n.capabilities().stream()).distinct().sorted().toList());
        return new Interactive(terminal, shell, completer, historyFile(), backend::events).run();
      }
    }
  }

  private static int runBatch(BufferedReader lines, String name, LaunchOptions options, Environment environment,
                              PrintWriter stdout, PrintWriter stderr) throws IOException {
    try (lines; Backend backend = environment.cluster().apply(options)) {
      Console console = Console.plain(stdout, stderr, environment.stdoutIsTerminal());
      return ExitCode.of(new Shell(backend, console, options.keepGoing()).runBatch(lines, name));
    }
  }

  /** A batch file that is missing or unreadable is a usage error (2), found before a cluster starts. */
  private static BufferedReader openBatch(Path file) throws UsageException {
    try {
      return Shell.open(LocalPaths.readableFile(file.toString()));
    } catch (CommandException | IOException e) {
      throw new UsageException("--batch: " + e.getMessage());
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
