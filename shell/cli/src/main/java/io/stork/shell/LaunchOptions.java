package io.stork.shell;

import io.stork.protocol.ChunkRef;
import io.stork.runtime.CommandLines;
import io.stork.runtime.HostPort;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * The launcher's flags, checked: {@link #parse} refuses what the cluster could not run with. What
 * to run: a batch ({@code --batch FILE}, {@code -} for stdin), commands ({@code -c 'a; b'}), one
 * command ({@code stork list --json}), or else the prompt (or stdin when it is no terminal).
 */
record LaunchOptions(int nodes, int replication, long chunkSize, List<List<String>> capabilities, Path dataDir,
                     Path batchFile, boolean keepGoing, boolean help, boolean version, Remote remote, boolean json,
                     String commands, List<String> command, Integer httpPort, boolean recoverJournal) {

  /** With --connect: the name node to join, and how (the other --connect flags); null for an embedded cluster. */
  record Remote(HostPort nameNode, Path keysDir, boolean insecure, String host, Path spec) {}

  static final int MAX_NODES = 100;
  /** {@code --batch -}: the commands come from stdin. */
  static final Path STDIN = Path.of("-");

  LaunchOptions {
    capabilities = List.copyOf(capabilities);
    command = List.copyOf(command);
  }

  /** The command line, described once: parsing and --help both come from it. */
  @Command(name = "stork", sortOptions = false, customSynopsis = "stork [OPTIONS] [COMMAND [ARGS...]]",
      description = {"Starts an embedded Stork cluster (1 name node, N storage nodes) and opens the stork> prompt, or runs "
          + "COMMAND (stork list --json), the commands of -c, or a batch, then exits.", ""},
      footer = {"", "Without --batch, -c or COMMAND, commands come from the prompt, or from stdin when it is not a terminal.",
          "Exit status: 0 when every command succeeded, else the first failure's: 2 usage (a bad flag, value or name), "
              + "3 not found, 4 already exists, 5 conflict, 6 no space, 7 unavailable (or a wait that timed out), 8 corrupt, "
              + "9 refused (the name node takes no changes), 10 local file error, 130 cancelled, 1 anything else."})
  static final class Flags {
    @Option(names = "--nodes", paramLabel = "N", description = "storage nodes sn-1 ... sn-N (default 5, at most 100)")
    String nodes;

    @Option(names = "--replication", paramLabel = "R", description = "replicas of every chunk, at most N (default 3)")
    String replication;

    @Option(names = "--chunk-size", paramLabel = "SIZE", description = "size of the chunks artifacts are cut into: 64KiB, "
        + "4MiB... (default 1MiB, at most 64MiB)")
    String chunkSize;

    @Option(names = "--capabilities", paramLabel = "LIST", description = "what the storage nodes declare, one entry a node, "
        + "given in turn: ssd,ssd,ssd,hdd,hdd gives sn-1 ... sn-3 ssd and sn-4, sn-5 hdd; ssd+gpu both, - none "
        + "(default: none). upload --require ssd then places replicas on ssd nodes only")
    String capabilities;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the cluster keeps its data and its log "
        + "(default ./stork-data)")
    String dataDir;

    @Option(names = "--http", paramLabel = "PORT", description = "serve the live dashboard, /metrics, /alive and /ready at "
        + "http://127.0.0.1:PORT/ (0: any free port; the banner says which). Default: off")
    String http;

    @Option(names = "--recover-journal", description = "for this start: cut the name node's damaged journal at its first bad "
        + "record, keeping what it cuts in a file beside it (when the start was refused and no backup is better)")
    boolean recoverJournal;

    @Option(names = "--batch", paramLabel = "FILE", description = "run the commands of FILE (a file, a FIFO, <(...), or - for "
        + "stdin), one per line, then exit")
    String batch;

    @Option(names = {"-c", "--commands"}, paramLabel = "'CMD; CMD'", description = "run these commands, separated by ;, then exit")
    String commands;

    @Option(names = "--keep-going", description = "in a batch, go on after a failed command (the exit status still tells)")
    boolean keepGoing;

    @Option(names = "--json", description = "every command prints JSON: one object a result, errors as objects on stderr")
    boolean json;

    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "use the cluster of the name node at HOST:PORT "
        + "instead of an embedded one; with it: --keys DIR (the cluster's TLS keys, scripts/stork-keys) or --insecure, "
        + "--host HOST (the address this shell listens on, if the default will not do), --spec FILE (the deployment it "
        + "came from: lets chaos restart nodes)")
    String connect;

    @Option(names = "--keys", paramLabel = "DIR", description = "with --connect: the cluster's TLS keys")
    String keys;

    @Option(names = "--insecure", description = "with --connect: plain TCP instead of TLS")
    boolean insecure;

    @Option(names = "--host", paramLabel = "HOST", description = "with --connect: the address this shell listens on")
    String host;

    @Option(names = "--spec", paramLabel = "FILE", description = "with --connect: the deployment spec of the cluster")
    String spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "show the version")
    boolean version;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "a shell command and its arguments, run once "
        + "(stork get notes --out -)")
    List<String> command = new ArrayList<>();
  }

  static LaunchOptions defaults() {
    return new LaunchOptions(5, 3, 1L << 20, List.of(), Path.of("stork-data"), null, false, false, false, null, false, null,
        List.of(), null, false);
  }

  /** The launcher's command line, set up to leave everything from COMMAND on to the command. */
  static CommandLine commandLine(Flags flags) {
    return CommandLines.of(flags).setStopAtPositional(true);
  }

  static LaunchOptions parse(String... args) throws UsageException {
    Flags f = new Flags();
    CommandLine line = commandLine(f);
    try {
      line.parseArgs(args);
    } catch (ParameterException e) {
      throw new UsageException(CommandLines.mistake(e).text(), json(args));
    }
    if (f.help || f.version) {
      return new LaunchOptions(5, 3, 1L << 20, List.of(), Path.of("stork-data"), null, false, f.help, f.version, null, f.json,
          null, List.of(), null, false);
    }
    List<String> embeddedOnly = new ArrayList<>();
    LaunchOptions d = defaults();
    int nodes = f.nodes == null ? d.nodes : number("--nodes", f.nodes, embeddedOnly, f);
    int replication = f.replication == null ? d.replication : number("--replication", f.replication, embeddedOnly, f);
    long chunkSize = f.chunkSize == null ? d.chunkSize : size(f.chunkSize, embeddedOnly, f);
    List<List<String>> capabilities = d.capabilities;
    if (f.capabilities != null) {
      capabilities = Capabilities.perNode(f.capabilities);
      embeddedOnly.add("--capabilities");
    }
    Path dataDir = f.dataDir == null ? d.dataDir : path("--data-dir", f.dataDir);
    Integer httpPort = null;
    if (f.http != null) {
      httpPort = port("--http", f.http, f.json);
      embeddedOnly.add("--http");
    }
    if (f.recoverJournal) {
      embeddedOnly.add("--recover-journal");
    }
    Path batch = f.batch == null ? null : path("--batch", f.batch);
    if ((batch != null ? 1 : 0) + (f.commands != null ? 1 : 0) + (f.command.isEmpty() ? 0 : 1) > 1) {
      throw new UsageException("give one of --batch FILE, -c 'COMMANDS' and a COMMAND, not several", f.json);
    }
    List<String> remoteOnly = new ArrayList<>();
    if (f.keys != null) {
      remoteOnly.add("--keys");
    }
    if (f.insecure) {
      remoteOnly.add("--insecure");
    }
    if (f.host != null) {
      remoteOnly.add("--host");
    }
    if (f.spec != null) {
      remoteOnly.add("--spec");
    }
    if (f.connect != null && !embeddedOnly.isEmpty()) {
      throw new UsageException(embeddedOnly.get(0) + " is for an embedded cluster: with --connect, the name node's settings hold",
          f.json);
    }
    if (f.connect == null && !remoteOnly.isEmpty()) {
      throw new UsageException(remoteOnly.get(0) + " goes with --connect HOST:PORT", f.json);
    }
    if (replication > nodes) {
      throw new UsageException("replication " + replication + " needs at least " + replication + " storage nodes, but --nodes is "
          + nodes + (f.replication != null ? "" : " (lower it with --replication)"), f.json);
    }
    if (capabilities.size() > nodes) {
      throw new UsageException("--capabilities has " + capabilities.size() + " entries, one a node, but --nodes is " + nodes,
          f.json);
    }
    Remote remote = f.connect == null ? null : remote(f);
    return new LaunchOptions(nodes, replication, chunkSize, capabilities, dataDir, batch, f.keepGoing, false, false, remote,
        f.json, f.commands, f.command, httpPort, f.recoverJournal);
  }

  /** Whether --json came before any command word: then even a usage error is told as JSON. */
  private static boolean json(String[] args) {
    for (String arg : args) {
      if (arg.equals("--json")) {
        return true;
      }
      if (!arg.startsWith("-")) {
        return false;
      }
    }
    return false;
  }

  private static Remote remote(Flags f) throws UsageException {
    HostPort nameNode;
    try {
      nameNode = HostPort.parse(f.connect);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--connect: " + e.getMessage(), f.json);
    }
    if (f.keys == null && !f.insecure) {
      throw new UsageException("--connect needs --keys DIR (the cluster's TLS keys, made by scripts/stork-keys) or --insecure",
          f.json);
    }
    if (f.keys != null && f.insecure) {
      throw new UsageException("--keys and --insecure exclude each other", f.json);
    }
    return new Remote(nameNode, f.keys == null ? null : path("--keys", f.keys), f.insecure, f.host,
        f.spec == null ? null : path("--spec", f.spec));
  }

  private static int number(String flag, String value, List<String> embeddedOnly, Flags f) throws UsageException {
    embeddedOnly.add(flag);
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= MAX_NODES) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw new UsageException(flag + " must be a whole number from 1 to " + MAX_NODES + ", not '" + value + "'", f.json);
  }

  private static int port(String flag, String value, boolean json) throws UsageException {
    try {
      return HostPort.parsePort(value.trim());
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + ": " + e.getMessage(), json);
    }
  }

  private static long size(String value, List<String> embeddedOnly, Flags f) throws UsageException {
    embeddedOnly.add("--chunk-size");
    long bytes;
    try {
      bytes = Sizes.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--chunk-size: " + e.getMessage(), f.json);
    }
    if (bytes < 1 || bytes > ChunkRef.MAX_SIZE) {
      throw new UsageException("--chunk-size must be from 1B to 64MiB, not '" + value + "'", f.json);
    }
    return bytes;
  }

  private static Path path(String flag, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(flag + " needs a non-empty path");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(flag + ": invalid path '" + io.stork.protocol.ArtifactNames.printable(value) + "'");
    }
  }
}
