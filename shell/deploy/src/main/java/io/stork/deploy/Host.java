package io.stork.deploy;

import java.time.Duration;
import java.util.List;

/** A host that processes of a deployment run on: this one, or another reached over ssh. */
interface Host {
  /** What a pid is now, checked against the process it should be. */
  enum Status { RUNNING, GONE, OTHER }

  /** How a stop went. */
  enum Stopped {
    /** It ended after SIGTERM. */
    TERMINATED,
    /** Still there after the timeout: it got SIGKILL. */
    KILLED,
    /** It was no longer running. */
    GONE,
    /** The pid now belongs to another process, which was left alone. */
    OTHER
  }

  /** For messages: {@code this host} or the host's name. */
  String name();

  /** What {@link #prepare} does, one line a step, as a dry run prints it. */
  List<String> preparation();

  /** Puts in place what the processes of this host need besides the code: the keys and settings of the spec. */
  void prepare();

  /** The command that starts {@code process}, as a dry run prints it and the state records it. */
  List<String> startCommand(ProcessSpec process);

  /**
   * The start command as a shell would run it, for people: {@code full} for the state file, else
   * shortened where a part is long and always the same (a dry run).
   */
  default String display(ProcessSpec process, boolean full) {
    return ShellWords.join(startCommand(process));
  }

  /** Starts {@code process} detached (it outlives this JVM), its output to its {@code process.out}; returns its pid. */
  long start(ProcessSpec process);

  /** Whether the process still runs: its pid is alive and is still it (pids get reused). */
  Status check(ProcessState process);

  /** SIGTERM, then SIGKILL if it still runs after {@code timeout}; only if its pid is still it. */
  Stopped stop(ProcessState process, Duration timeout);

  /** Deletes the data directories of {@code processes} (stopped), and what {@link #prepare} put there. */
  void purge(List<ProcessSpec> processes);
}
