package io.stork.deploy;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import io.stork.runtime.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A spec with its hosts and its state directory: starts the processes it describes and records them,
 * tells which still run, stops them. Deploy, undeploy and {@code chaos restart} all go through here.
 */
public final class Deployment {
  private final ClusterSpec spec;
  private final StateDir state;
  private final LocalHost local;
  private final Map<String, SshHost> remote = new LinkedHashMap<>();
  private final CommandRunner runner;
  private final Path storkHome;

  /** Where the launcher (scripts/lib/launch.sh) says the Stork checkout is, for every program it starts. */
  static final String STORK_HOME_ENV = "STORK_HOME";

  Deployment(ClusterSpec spec, Path storkHome, String classpath, CommandRunner runner) {
    this.spec = spec;
    this.storkHome = storkHome;
    this.state = new StateDir(spec.stateDir());
    this.local = new LocalHost(spec, storkHome, classpath);
    this.runner = runner;
  }

  /**
   * The deployment of {@code spec}, whose local processes run from the scripts of {@code storkHome}
   * (null: unknown) with {@code classpath}.
   */
  public static Deployment of(ClusterSpec spec, Path storkHome, String classpath) {
    return new Deployment(spec, storkHome, classpath, new CommandRunner());
  }

  /**
   * The deployment of {@code spec}, whose local processes run from the scripts of the checkout this
   * program was started from ({@code STORK_HOME}; unknown, they cannot be started), with the classpath of this JVM.
   */
  public static Deployment of(ClusterSpec spec) {
    String home = System.getenv(STORK_HOME_ENV);
    return of(spec, home == null || home.isBlank() ? null : Path.of(home), System.getProperty("java.class.path"));
  }

  /** The Stork checkout whose scripts start this host's processes; null if unknown. */
  public Path storkHome() {
    return storkHome;
  }

  public ClusterSpec spec() {
    return spec;
  }

  public StateDir state() {
    return state;
  }

  CommandRunner runner() {
    return runner;
  }

  /** The host named {@code host} in the spec (or in a state file): this one for a loopback address. */
  Host host(String host) {
    if (new HostPort(host, 0).isLoopback()) {
      return local;
    }
    if (spec.ssh() == null) {
      throw new StorkException(ErrorKind.INVALID, host + " is another host, and " + spec.file() + " says no ssh { ... } to reach it");
    }
    return remote.computeIfAbsent(host, h -> new SshHost(spec, h, runner));
  }

  Host host(ProcessSpec process) {
    return host(process.address().host());
  }

  /** The spec's processes by host, in the order of the spec. */
  Map<Host, List<ProcessSpec>> processesByHost() {
    Map<Host, List<ProcessSpec>> byHost = new LinkedHashMap<>();
    spec.processes().forEach(p -> byHost.computeIfAbsent(host(p), h -> new ArrayList<>()).add(p));
    return byHost;
  }

  /** Starts {@code process} on its host and records it; the host must be prepared. */
  public ProcessState start(ProcessSpec process) {
    Host host = host(process);
    long pid = host.start(process);
    ProcessState started = ProcessState.of(process, pid, host.display(process, true));
    state.write(started);
    return started;
  }

  /** The recorded process of {@code id}, if it still runs. */
  public Optional<ProcessState> running(String id) {
    return state.read(id).filter(recorded -> host(recorded.host()).check(recorded) == Host.Status.RUNNING);
  }

  /** Stops a recorded process (if its pid is still it) and forgets it. */
  Host.Stopped stop(ProcessState process, Duration timeout) {
    Host.Stopped stopped = host(process.host()).stop(process, timeout);
    state.remove(process.id());
    return stopped;
  }
}
