package io.stork.deploy;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * This host: processes run as {@code setsid scripts/stork-namenode ARGS} (or {@code stork-storagenode}),
 * in a session of their own (no terminal, so no hang-up when the deploying shell ends), through the
 * same launcher as a process started by hand, so with the same JVM options. The script execs java in
 * place, with the classpath given here in {@code STORK_CLASSPATH}: the launcher passes it on in the
 * environment, since on the command line it would push the main class and the arguments past what
 * the JVM reports of another process's command line (4 KiB).
 */
final class LocalHost implements Host {
  /** Long enough for the pid to disappear after SIGKILL. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  /** The log of stork-deploy itself, in the data root. */
  static final String DEPLOY_LOG = "stork.log";
  /** Long enough for setsid, the script and java to exec on a busy machine. */
  private static final Duration EXEC_WAIT = Duration.ofSeconds(10);

  private final ClusterSpec spec;
  private final Path storkHome;
  private final String classpath;

  /**
   * @param storkHome the Stork checkout whose scripts start the processes; null if unknown (nothing can be started)
   * @param classpath the classpath of the processes: that of the deploying JVM, or one a test chooses
   */
  LocalHost(ClusterSpec spec, Path storkHome, String classpath) {
    this.spec = spec;
    this.storkHome = storkHome;
    this.classpath = classpath;
  }

  @Override
  public String name() {
    return "this host";
  }

  /** Nothing to put in place: local processes read the keys where the spec has them, and the settings the deploy wrote. */
  @Override
  public List<String> preparation() {
    return List.of();
  }

  @Override
  public void prepare() {
    // see preparation()
  }

  @Override
  public List<String> startCommand(ProcessSpec process) {
    String script = storkHome == null ? process.script() : storkHome.resolve(process.script()).toString();
    List<String> command = new ArrayList<>(List.of("setsid", script));
    command.addAll(process.args());
    return command;
  }

  /** The command with its environment; the classpath only named unless {@code full} (it is long). */
  @Override
  public String display(ProcessSpec process, boolean full) {
    return "STORK_CLASSPATH=" + (full ? ShellWords.quote(classpath) : "<classpath of stork-deploy>") + " "
        + ShellWords.join(startCommand(process));
  }

  @Override
  public long start(ProcessSpec process) {
    if (storkHome == null) {
      throw new StorkException(ErrorKind.INVALID, "cannot start " + process.id() + ": " + Deployment.STORK_HOME_ENV
          + " is not set (start Stork's programs with the scripts in its scripts/ directory, which set it)");
    }
    try {
      Files.createDirectories(process.dataDir());
      // setsid execs the script in place (this JVM's child is no process group leader), which execs
      // java in place: the pid is java's.
      ProcessBuilder builder = new ProcessBuilder(startCommand(process));
      builder.environment().put("STORK_CLASSPATH", classpath);
      Process started = builder
          .redirectInput(new File("/dev/null"))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(process.output().toFile()))
          .redirectErrorStream(true)
          .start();
      awaitExec(process, started);
      return started.pid();
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot start " + process.id() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the new pid shows the process's own command line: until then it is still the launch
   * helper, and a check or a stop right after the start would take it for another process.
   */
  private static void awaitExec(ProcessSpec process, Process started) {
    ProcessState expected = ProcessState.of(process, started.pid(), "");
    long deadline = System.nanoTime() + EXEC_WAIT.toNanos();
    while (started.isAlive() && !expected.isCommandLineOf(commandLine(started.toHandle()))) {
      if (System.nanoTime() > deadline) {
        started.destroyForcibly();
        throw new StorkException(ErrorKind.UNAVAILABLE, "cannot start " + process.id() + ": its process did not become " + process.mainClass() + " within "
            + EXEC_WAIT.toSeconds() + " s");
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // an exec: a matter of milliseconds
    }
  }

  @Override
  public Status check(ProcessState process) {
    Optional<ProcessHandle> handle = ProcessHandle.of(process.pid()).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return Status.GONE;
    }
    return process.isCommandLineOf(commandLine(handle.get())) ? Status.RUNNING : Status.OTHER;
  }

  /** The whole command line, from /proc where there is one: ProcessHandle.Info cuts it at 4 KiB. */
  private static String commandLine(ProcessHandle handle) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(handle.pid()), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return handle.info().commandLine().orElse("");
    }
  }

  @Override
  public Stopped stop(ProcessState process, Duration timeout) {
    Status status = check(process);
    if (status != Status.RUNNING) {
      return status == Status.GONE ? Stopped.GONE : Stopped.OTHER;
    }
    ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
    if (handle == null) {
      return Stopped.GONE;
    }
    handle.destroy();
    if (ended(handle, timeout)) {
      return Stopped.TERMINATED;
    }
    handle.destroyForcibly();
    if (!ended(handle, KILL_WAIT)) {
      throw new StorkException(ErrorKind.UNAVAILABLE, process + " is still there " + KILL_WAIT.toSeconds() + " s after SIGKILL");
    }
    return Stopped.KILLED;
  }

  private static boolean ended(ProcessHandle handle, Duration within) {
    try {
      handle.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorkException(ErrorKind.CANCELLED, "cancelled");
    }
  }

  @Override
  public void purge(List<ProcessSpec> processes) {
    List<Path> doomed = new ArrayList<>(processes.stream().map(ProcessSpec::dataDir).toList());
    spec.settingsFile().ifPresent(doomed::add); // written by the deploy, on this host, with its log
    doomed.add(spec.dataRoot().resolve(DEPLOY_LOG));
    for (Path path : doomed) {
      if (!Files.exists(path)) {
        continue;
      }
      try (Stream<Path> tree = Files.walk(path)) {
        for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(each);
        }
      } catch (IOException e) {
        throw new StorkException(ErrorKind.IO, "cannot delete " + path + ": " + e.getMessage(), e);
      }
    }
    try {
      Files.deleteIfExists(spec.dataRoot());
    } catch (IOException e) {
      // something else lives there too: the data root stays
    }
  }
}
