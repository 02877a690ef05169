package io.stork.shell;

/** The process exit status, decided here and nowhere else. */
final class ExitCode {
  /** Every command succeeded (or the prompt was left with exit or Ctrl-D). */
  static final int OK = 0;
  /** A command failed, or the cluster could not start. */
  static final int FAILED = 1;
  /** Bad flags, bad values, a missing batch file. */
  static final int USAGE = 2;

  private ExitCode() {}

  static int of(boolean allSucceeded) {
    return allSucceeded ? OK : FAILED;
  }
}
