package io.stork.deploy;

import io.stork.protocol.ErrorKind;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.stork.client.ClusterConnection;
import io.stork.http.HttpSettings;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorkException;
import io.stork.runtime.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts the processes of a spec: the name node, then every storage node, and waits until all have
 * joined. A spec that is already deployed (a recorded process still runs) is refused. If anything
 * fails on the way, what was started is stopped again.
 */
public final class Deployer {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  private final Deployment deployment;
  private final PrintStream out;
  private final Duration timeout;
  private final Path storkHome;

  /** @param storkHome the Stork checkout (for scripts/stork-keys and the printed commands); null if unknown */
  public Deployer(Deployment deployment, PrintStream out, Duration timeout, Path storkHome) {
    this.deployment = deployment;
    this.out = out;
    this.timeout = timeout;
    this.storkHome = storkHome;
  }

  /** Prints what {@link #deploy} would run, host by host, and runs nothing. */
  public void dryRun() {
    ClusterSpec spec = deployment.spec();
    out.println("dry run: what stork-deploy would do for " + spec.file() + " (nothing is run)");
    if (!spec.insecure() && !Files.isDirectory(spec.keysDir())) {
      out.println("make the cluster keys: " + ShellWords.join(List.of(script("stork-keys"), spec.keysDir().toString())));
    }
    spec.settingsFile().ifPresent(file -> out.println("write the spec's settings to " + file + " (on this host)"));
    deployment.processesByHost().forEach((host, processes) -> {
      out.println(host.name() + ":");
      host.preparation().forEach(step -> out.println("  " + step));
      processes.forEach(p -> out.println("  start " + p.id() + ": " + host.display(p, false)));
    });
    out.println("then wait up to " + timeout.toSeconds() + " s for every storage node to join, and print how to connect:");
    out.println("  " + connectLine());
  }

  /** Deploys the spec; returns the command that connects a shell to it. */
  public String deploy() {
    ClusterSpec spec = deployment.spec();
    refuseIfDeployed();
    requireFreeAddresses();
    makeKeysIfMissing();
    Transport transport = transport();
    writeSettings();
    deployment.processesByHost().keySet().forEach(Host::prepare);
    JoinWatch watch = new JoinWatch(deployment, timeout);
    Map<ProcessSpec, ProcessState> started = new LinkedHashMap<>();
    try {
      ProcessSpec nameNode = spec.processes().get(0);
      started.put(nameNode, start(nameNode));
      watch.awaitListening(nameNode, started.get(nameNode));
      spec.processes().stream().skip(1).forEach(p -> started.put(p, start(p)));
      out.println("waiting for " + spec.storageNodes().size() + " storage nodes to join...");
      out.println(summary(watch.awaitJoined(() -> ClusterConnection.open(spec.nameNode(), ClusterConnection.selfFor(spec.nameNode()),
          transport, spec.settings().withFallback(ConfigFactory.parseString("pekko.stdout-loglevel = OFF")), watch.remaining()),
          started)));
    } catch (RuntimeException e) {
      out.println("deploy failed; stopping what it started");
      new Undeployer(deployment, out, Duration.ofSeconds(10)).stopAll(List.copyOf(started.values()));
      throw e;
    }
    String connect = connectLine();
    out.println("connect with:  " + connect);
    dashboardLine().ifPresent(line -> out.println("dashboard:     " + line));
    out.println("stop it with:  " + ShellWords.join(List.of(script("stork-undeploy"), spec.file().toString())));
    return connect;
  }

  private ProcessState start(ProcessSpec process) {
    ProcessState started = deployment.start(process);
    String where = process.address().port() == 0 ? process.address().host() + " (any free port)" : process.address().toString();
    out.println("started " + started + " on " + where + "; output in " + process.outputLocation());
    return started;
  }

  /** One deployment of a spec at a time: a second one would fight the first for its addresses and data. */
  private void refuseIfDeployed() {
    StateDir state = deployment.state();
    List<ProcessState> running = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (String id : state.ids()) {
      deployment.running(id).ifPresentOrElse(running::add, () -> stale.add(id));
    }
    if (!running.isEmpty()) {
      throw new StorkException(ErrorKind.CONFLICT, "already deployed: " + running.stream().map(ProcessState::toString).collect(Collectors.joining(", "))
          + (running.size() == 1 ? " runs" : " run") + " from " + state.dir() + "; stop "
          + (running.size() == 1 ? "it" : "them") + " first with " + ShellWords.join(List.of(script("stork-undeploy"),
          deployment.spec().file().toString())));
    }
    if (!stale.isEmpty()) {
      stale.forEach(state::remove);
      out.println("forgot " + String.join(", ", stale) + ": recorded in " + state.dir() + " by an earlier deploy, no longer running");
    }
  }

  /** A spec whose keys directory does not exist gets new keys, from scripts/stork-keys. */
  private void makeKeysIfMissing() {
    Path keys = deployment.spec().keysDir();
    if (keys == null || Files.exists(keys)) {
      return;
    }
    if (storkHome == null) {
      throw new StorkException(ErrorKind.INVALID, "no keys in " + keys + ": make them with scripts/stork-keys " + keys);
    }
    List<String> command = List.of(storkHome.resolve("scripts/stork-keys").toString(), keys.toString());
    out.println("no keys in " + keys + ": making new cluster keys with " + ShellWords.join(command));
    CommandRunner.Result result = deployment.runner().run(command, Duration.ofSeconds(60));
    if (!result.ok()) {
      throw new StorkException(ErrorKind.IO, "scripts/stork-keys failed (exit " + result.exitCode() + "): " + result.output());
    }
    result.output().lines().forEach(line -> out.println("  " + line));
  }

  /** The spec's settings as a file, where local processes read them and whence they are copied to other hosts. */
  private void writeSettings() {
    ClusterSpec spec = deployment.spec();
    Optional<Path> file = spec.settingsFile();
    if (file.isEmpty()) {
      return;
    }
    String text = "# The settings of " + spec.file() + ", written by stork-deploy for every process.\n"
        + spec.settings().root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    try {
      AtomicWrite.write(file.get(), text);
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot write the settings to " + file.get() + ": " + e.getMessage(), e);
    }
  }

  private Transport transport() {
    try {
      return deployment.spec().insecure() ? Transport.insecure() : Transport.tls(deployment.spec().keysDir());
    } catch (IllegalArgumentException e) {
      throw new StorkException(ErrorKind.INVALID, deployment.spec().file() + ": keys: " + e.getMessage(), e);
    }
  }

  /**
   * Each fixed address on this host must be free: a name node that cannot bind would leave the storage
   * nodes joining whatever else listens there (another cluster, even).
   */
  private void requireFreeAddresses() {
    for (ProcessSpec process : deployment.spec().processes()) {
      if (!process.local() || process.address().port() == 0) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(process.address().host(), process.address().port()));
      } catch (IOException e) {
        throw new StorkException(ErrorKind.IO, "cannot start " + process.id() + ": " + process.address() + " is not free (" + e.getMessage()
            + "); another process listens there");
      }
    }
  }

  private String summary(List<NodeStatus> nodes) {
    Map<String, String> zones = new LinkedHashMap<>();
    nodes.forEach(n -> zones.put(n.id(), n.zone().isEmpty() ? "" : " (zone " + n.zone()
        + (n.capabilities().isEmpty() ? "" : ", " + String.join(", ", n.capabilities())) + ")"));
    return "all " + deployment.spec().storageNodes().size() + " storage nodes are up: " + deployment.spec().storageNodeIds().stream()
        .map(id -> id + zones.getOrDefault(id, "")).collect(Collectors.joining(", "));
  }

  /** The shell command that connects to this deployment, with chaos able to restart its nodes. */
  public String connectLine() {
    ClusterSpec spec = deployment.spec();
    List<String> words = new ArrayList<>(List.of(script("stork"), "--connect", spec.nameNode().toString()));
    if (spec.insecure()) {
      words.add("--insecure");
    } else {
      words.addAll(List.of("--keys", spec.keysDir().toString()));
    }
    words.addAll(List.of("--spec", spec.file().toString()));
    return ShellWords.join(words);
  }

  /** Where the name node serves the dashboard, when the spec gives it an HTTP port (on its host: loopback unless set otherwise). */
  Optional<String> dashboardLine() {
    ClusterSpec spec = deployment.spec();
    if (spec.nameNodeHttpPort() == null) {
      return Optional.empty();
    }
    HttpSettings http = HttpSettings.fromConfig(spec.settings().withFallback(ConfigFactory.load()));
    String where = spec.nameNodeHttpPort() == 0 ? "the port named in " + spec.process(ClusterSpec.NAME_NODE_ID).orElseThrow().outputLocation()
        : Integer.toString(spec.nameNodeHttpPort());
    String scheme = http.tls() == HttpSettings.Tls.OFF ? "http" : "https";
    return Optional.of(scheme + "://" + http.host() + ":" + where + "/" + (spec.nameNode().isLoopback() ? "" : " (on the name node's host)"));
  }

  /** A script of the checkout, as short as it can be written from the current directory. */
  private String script(String name) {
    Path relative = Path.of("scripts", name);
    if (storkHome == null || storkHome.toAbsolutePath().normalize().equals(Path.of("").toAbsolutePath())) {
      return relative.toString();
    }
    return storkHome.resolve(relative).toString();
  }
}
