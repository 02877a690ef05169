package io.stork.shell;

import io.stork.protocol.ChunkRef;
import io.stork.runtime.HostPort;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** The launcher's flags, checked: {@link #parse} refuses what the cluster could not run with. */
record LaunchOptions(int nodes, int replication, long chunkSize, List<List<String>> capabilities, Path dataDir,
                     Path batchFile, boolean keepGoing, boolean help, boolean version, Remote remote, Integer httpPort) {

  /** With --connect: the name node to join, and how (the other --connect flags); null for an embedded cluster. */
  record Remote(HostPort nameNode, Path keysDir, boolean insecure, String host, Path spec) {}

  static final int MAX_NODES = 100;

  static final String USAGE = """
      Usage: stork [OPTIONS]
      Starts an embedded Stork cluster (1 name node, N storage nodes) and opens the stork> prompt,
      or runs a batch of commands.

        --nodes N             storage nodes sn-1 ... sn-N (default 5, at most 100)
        --replication R       replicas of every chunk, at most N (default 3)
        --chunk-size SIZE     size of the chunks artifacts are cut into: 64KiB, 4MiB... (default 1MiB, at most 64MiB)
        --capabilities LIST   what the storage nodes declare, one entry a node, given in turn: ssd,ssd,ssd,hdd,hdd
                              gives sn-1 ... sn-3 ssd and sn-4, sn-5 hdd; ssd+gpu both, - none (default: none).
                              upload --require ssd then places replicas on ssd nodes only
        --data-dir DIR        where the cluster keeps its data and its log (default ./stork-data)
        --http PORT           serve the live dashboard, /metrics, /alive and /ready at http://127.0.0.1:PORT/
                              (0: any free port; the banner says which). Default: off
        --batch FILE          run the commands of FILE, one per line, then exit
        --keep-going          in a batch, go on after a failed command (the exit status is still 1)
        --connect HOST:PORT   use the cluster of the name node at HOST:PORT instead of an embedded one;
                              with it: --keys DIR (the cluster's TLS keys, scripts/stork-keys) or --insecure,
                              --host HOST (the address this shell listens on, if the default will not do),
                              --spec FILE (the deployment it came from: lets chaos restart nodes)
        --help                show this help
        --version             show the version

      Without --batch, commands come from the prompt, or from stdin when it is not a terminal.
      Exit status: 0 when every command succeeded, 1 when one failed, 2 for a usage error.
      """;

  static LaunchOptions defaults() {
    return new LaunchOptions(5, 3, 1L << 20, List.of(), Path.of("stork-data"), null, false, false, false, null, null);
  }

  static LaunchOptions parse(String... args) throws UsageException {
    LaunchOptions d = defaults();
    int nodes = d.nodes;
    int replication = d.replication;
    long chunkSize = d.chunkSize;
    List<List<String>> capabilities = d.capabilities;
    Path dataDir = d.dataDir;
    Path batchFile = null;
    boolean keepGoing = false;
    boolean help = false;
    boolean version = false;
    boolean replicationGiven = false;
    List<String> embeddedOnly = new ArrayList<>();
    List<String> remoteOnly = new ArrayList<>();
    String connect = null;
    String keys = null;
    boolean insecure = false;
    String host = null;
    Path spec = null;
    Integer httpPort = null;
    Iterator<String> it = Arrays.asList(args).iterator();
    while (it.hasNext()) {
      String arg = it.next();
      // --flag=value and --flag value are the same thing.
      int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
      String flag = equals > 0 ? arg.substring(0, equals) : arg;
      String inline = equals > 0 ? arg.substring(equals + 1) : null;
      switch (flag) {
        case "--help", "-h" -> help = noValue(flag, inline);
        case "--version" -> version = noValue(flag, inline);
        case "--keep-going" -> keepGoing = noValue(flag, inline);
        case "--nodes" -> {
          nodes = number(flag, value(flag, inline, it));
          embeddedOnly.add(flag);
        }
        case "--replication" -> {
          replication = number(flag, value(flag, inline, it));
          replicationGiven = true;
          embeddedOnly.add(flag);
        }
        case "--chunk-size" -> {
          chunkSize = size(value(flag, inline, it));
          embeddedOnly.add(flag);
        }
        case "--capabilities" -> {
          capabilities = Capabilities.perNode(value(flag, inline, it));
          embeddedOnly.add(flag);
        }
        case "--data-dir" -> dataDir = path(flag, value(flag, inline, it));
        case "--http" -> {
          httpPort = port(flag, value(flag, inline, it));
          embeddedOnly.add(flag);
        }
        case "--batch" -> batchFile = path(flag, value(flag, inline, it));
        case "--connect" -> connect = value(flag, inline, it);
        case "--keys" -> {
          keys = value(flag, inline, it);
          remoteOnly.add(flag);
        }
        case "--insecure" -> {
          insecure = noValue(flag, inline);
          remoteOnly.add(flag);
        }
        case "--host" -> {
          host = value(flag, inline, it);
          remoteOnly.add(flag);
        }
        case "--spec" -> {
          spec = path(flag, value(flag, inline, it));
          remoteOnly.add(flag);
        }
        default -> throw new UsageException(arg.startsWith("-") ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'");
      }
    }
    if (connect != null && !embeddedOnly.isEmpty()) {
      throw new UsageException(embeddedOnly.get(0) + " is for an embedded cluster: with --connect, the name node's settings hold");
    }
    if (connect == null && !remoteOnly.isEmpty()) {
      throw new UsageException(remoteOnly.get(0) + " goes with --connect HOST:PORT");
    }
    if (replication > nodes && !help && !version) {
      throw new UsageException("replication " + replication + " needs at least " + replication + " storage nodes, but --nodes is "
          + nodes + (replicationGiven ? "" : " (lower it with --replication)"));
    }
    if (capabilities.size() > nodes && !help && !version) {
      throw new UsageException("--capabilities has " + capabilities.size() + " entries, one a node, but --nodes is " + nodes);
    }
    Remote remote = connect == null ? null : remote(connect, keys, insecure, host, spec);
    return new LaunchOptions(nodes, replication, chunkSize, capabilities, dataDir, batchFile, keepGoing, help, version, remote,
        httpPort);
  }

  private static Remote remote(String connect, String keys, boolean insecure, String host, Path spec) throws UsageException {
    HostPort nameNode;
    try {
      nameNode = HostPort.parse(connect);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--connect: " + e.getMessage());
    }
    if (keys == null && !insecure) {
      throw new UsageException("--connect needs --keys DIR (the cluster's TLS keys, made by scripts/stork-keys) or --insecure");
    }
    if (keys != null && insecure) {
      throw new UsageException("--keys and --insecure exclude each other");
    }
    return new Remote(nameNode, keys == null ? null : path("--keys", keys), insecure, host, spec);
  }

  private static boolean noValue(String flag, String inline) throws UsageException {
    if (inline != null) {
      throw new UsageException(flag + " takes no value");
    }
    return true;
  }

  private static String value(String flag, String inline, Iterator<String> it) throws UsageException {
    if (inline != null) {
      return inline;
    }
    if (!it.hasNext()) {
      throw new UsageException(flag + " needs a value");
    }
    return it.next();
  }

  private static int number(String flag, String value) throws UsageException {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= MAX_NODES) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw new UsageException(flag + " must be a whole number from 1 to " + MAX_NODES + ", not '" + value + "'");
  }

  private static int port(String flag, String value) throws UsageException {
    try {
      return HostPort.parsePort(value.trim());
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + ": " + e.getMessage());
    }
  }

  private static long size(String value) throws UsageException {
    long bytes;
    try {
      bytes = Sizes.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--chunk-size: " + e.getMessage());
    }
    if (bytes < 1 || bytes > ChunkRef.MAX_SIZE) {
      throw new UsageException("--chunk-size must be from 1B to 64MiB, not '" + value + "'");
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
      throw new UsageException(flag + ": invalid path '" + value + "'");
    }
  }
}
