package io.stork.deploy;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Another host, reached with {@code ssh [user@]host} (keys or an agent: no password prompt). Processes
 * run there from the Stork checkout at {@code ssh.stork-home}, through its scripts, under
 * {@code setsid nohup}; the keys are copied to {@code <data-root>/keys} there with {@code scp -p}.
 */
final class SshHost implements Host {
  private static final List<String> KEY_FILES = List.of("keystore.p12", "truststore.p12", "password");
  private static final List<String> SSH_OPTIONS = List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=10");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final ClusterSpec spec;
  private final String host;
  private final CommandRunner runner;

  SshHost(ClusterSpec spec, String host, CommandRunner runner) {
    this.spec = spec;
    this.host = host;
    this.runner = runner;
  }

  @Override
  public String name() {
    return host;
  }

  private String target() {
    return spec.ssh().target(host);
  }

  @Override
  public List<String> preparation() {
    return prepareCommands().stream().map(ShellWords::join).toList();
  }

  private List<List<String>> prepareCommands() {
    List<List<String>> commands = new ArrayList<>();
    Path root = spec.dataRoot();
    if (spec.insecure()) {
      commands.add(ssh("mkdir -p " + ShellWords.quote(root.toString())));
    } else {
      commands.add(ssh("mkdir -p " + ShellWords.quote(root.toString()) + " && mkdir -p -m 700 "
          + ShellWords.quote(spec.remoteKeysDir().toString())));
      List<String> scp = new ArrayList<>(List.of("scp", "-p", "-q"));
      scp.addAll(SSH_OPTIONS);
      KEY_FILES.forEach(file -> scp.add(spec.keysDir().resolve(file).toString()));
      scp.add(target() + ":" + spec.remoteKeysDir() + "/");
      commands.add(scp);
    }
    spec.settingsFile().ifPresent(file -> {
      List<String> scp = new ArrayList<>(List.of("scp", "-p", "-q"));
      scp.addAll(SSH_OPTIONS);
      scp.addAll(List.of(file.toString(), target() + ":" + file));
      commands.add(scp);
    });
    return commands;
  }

  @Override
  public void prepare() {
    if (!spec.insecure() && !Files.isRegularFile(spec.keysDir().resolve("password"))) {
      throw new StorkException(ErrorKind.NOT_FOUND, spec.keysDir().resolve("password") + " is missing: processes on " + host + " need it "
          + "(a password in STORK_KEYS_PASSWORD does not travel over ssh)");
    }
    for (List<String> command : prepareCommands()) {
      CommandRunner.Result result = runner.run(command, COMMAND_TIMEOUT);
      if (!result.ok()) {
        throw new StorkException(ErrorKind.IO, "preparing " + host + " failed (exit " + result.exitCode() + "): " + ShellWords.join(command)
            + (result.output().isEmpty() ? "" : ": " + result.output()));
      }
    }
  }

  /**
   * {@code ssh host 'cd STORK_HOME && mkdir -p DATA && { setsid nohup scripts/stork-... ARGS >> DATA/process.out 2>&1 < /dev/null & echo $!; }'}:
   * the script execs java, so the pid echoed is the process's.
   */
  @Override
  public List<String> startCommand(ProcessSpec process) {
    List<String> script = new ArrayList<>(List.of(process.script()));
    script.addAll(process.args());
    return ssh("cd " + ShellWords.quote(spec.ssh().storkHome()) + " && mkdir -p " + ShellWords.quote(process.dataDir().toString())
        + " && { setsid nohup " + ShellWords.join(script) + " >> " + ShellWords.quote(process.output().toString())
        + " 2>&1 < /dev/null & echo $!; }");
  }

  @Override
  public long start(ProcessSpec process) {
    CommandRunner.Result result = runner.run(startCommand(process), COMMAND_TIMEOUT);
    String last = result.output().lines().reduce((a, b) -> b).orElse("").strip();
    if (!result.ok() || !last.matches("\\d+")) {
      throw new StorkException(ErrorKind.IO, "starting " + process.id() + " on " + host + " failed (exit " + result.exitCode() + ")"
          + (result.output().isEmpty() ? "" : ": " + result.output()));
    }
    return Long.parseLong(last);
  }

  @Override
  public Status check(ProcessState process) {
    CommandRunner.Result result = runner.run(ssh("ps -ww -o args= -p " + process.pid()), COMMAND_TIMEOUT);
    if (result.exitCode() == 255) {
      throw new StorkException(ErrorKind.IO, "cannot reach " + host + " over ssh: " + result.output());
    }
    if (!result.ok() || result.output().isEmpty()) {
      return Status.GONE;
    }
    return process.isCommandLineOf(result.output()) ? Status.RUNNING : Status.OTHER;
  }

  /** One ssh session checks the pid is still the process, sends SIGTERM, waits, and sends SIGKILL if it must. */
  @Override
  public Stopped stop(ProcessState process, Duration timeout) {
    String pattern = "*" + String.join("*", process.markers().stream().map(m -> ShellWords.quote(" " + m + " ")).toList()) + "*";
    String script = "pid=" + process.pid() + "; ours() { case \" $(ps -ww -o args= -p $pid) \" in " + pattern + ") return 0;; esac; "
        + "return 1; }; kill -0 $pid 2>/dev/null || { echo GONE; exit 0; }; ours || { echo OTHER; exit 0; }; "
        + "kill -TERM $pid; i=0; while ours; do if [ $i -ge " + Math.max(1, timeout.toSeconds()) + " ]; then "
        + "kill -KILL $pid; echo KILLED; exit 0; fi; sleep 1; i=$((i+1)); done; echo TERMINATED";
    CommandRunner.Result result = runner.run(ssh(script), timeout.plus(COMMAND_TIMEOUT));
    String last = result.output().lines().reduce((a, b) -> b).orElse("").strip();
    if (!result.ok() || Stream.of(Stopped.values()).noneMatch(s -> s.name().equals(last))) {
      throw new StorkException(ErrorKind.IO, "stopping " + process + " failed (exit "
          + result.exitCode() + "): " + result.output());
    }
    return Stopped.valueOf(last);
  }

  @Override
  public void purge(List<ProcessSpec> processes) {
    List<String> doomed = new ArrayList<>(processes.stream().map(p -> p.dataDir().toString()).toList());
    doomed.add(spec.remoteKeysDir().toString());
    spec.settingsFile().ifPresent(file -> doomed.add(file.toString()));
    List<String> rm = new ArrayList<>(List.of("rm", "-rf", "--"));
    rm.addAll(doomed);
    CommandRunner.Result result = runner.run(ssh(ShellWords.join(rm)), COMMAND_TIMEOUT);
    if (!result.ok()) {
      throw new StorkException(ErrorKind.IO, "deleting the data on " + host + " failed (exit " + result.exitCode() + "): " + result.output());
    }
  }

  private List<String> ssh(String remoteCommand) {
    List<String> command = new ArrayList<>(List.of("ssh"));
    command.addAll(SSH_OPTIONS);
    command.addAll(List.of(target(), remoteCommand));
    return command;
  }
}
