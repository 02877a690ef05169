package io.stork.deploy;

import io.stork.runtime.HostPort;
import java.time.Instant;
import java.util.List;

/**
 * A process a deployment started, as its state file records it: enough to find it again and to make
 * sure a pid is still it before signalling it, even if the spec has changed since.
 *
 * @param host the host it runs on, as the spec names it
 * @param command the command that started it, for people
 */
public record ProcessState(String id, long pid, String host, String mainClass, String dataDir, String command, Instant started) {

  static ProcessState of(ProcessSpec process, long pid, String command) {
    return new ProcessState(process.id(), pid, process.address().host(), process.mainClass(), process.dataDir().toString(),
        command, Instant.now());
  }

  /**
   * What the command line of this process holds and that of no other does (its main class and its
   * data directory, which one process at a time may lock): a pid is checked against these before it is
   * signalled, since pids are reused.
   */
  public List<String> markers() {
    return List.of(mainClass, "--data-dir " + dataDir);
  }

  /** Whether a command line (arguments joined by spaces) is this process's. */
  boolean isCommandLineOf(String commandLine) {
    String padded = " " + commandLine + " ";
    return markers().stream().allMatch(marker -> padded.contains(" " + marker + " "));
  }

  @Override
  public String toString() {
    return id + " (pid " + pid + (new HostPort(host, 0).isLoopback() ? "" : " on " + host) + ")";
  }
}
