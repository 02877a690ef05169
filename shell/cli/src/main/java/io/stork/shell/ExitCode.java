package io.stork.shell;

import io.stork.protocol.ErrorKind;

/**
 * The process exit status, decided here and nowhere else: 0 when every command succeeded, else the
 * status of the first failure's kind, so that a script can tell "not found" from "no space"
 * without reading the message. The table is in the README ("Exit status").
 */
final class ExitCode {
  /** Every command succeeded (or the prompt was left with exit or Ctrl-D). */
  static final int OK = 0;
  /** A failure of no more precise kind (a bug, or a cluster that could not start). */
  static final int FAILED = 1;
  /** Bad flags, bad values, bad names, a missing batch file: the command line is wrong. */
  static final int USAGE = 2;

  private ExitCode() {}

  static int of(ErrorKind kind) {
    return switch (kind) {
      case INVALID -> USAGE;
      case NOT_FOUND -> 3;
      case ALREADY_EXISTS -> 4;
      case CONFLICT -> 5;
      case NO_SPACE -> 6;
      case UNAVAILABLE -> 7;
      case CORRUPT -> 8;
      case REFUSED -> 9;
      case IO -> 10;
      case CANCELLED -> 130; // as a shell reports a command ended by SIGINT
      case INTERNAL -> FAILED;
    };
  }

  /** The first failure wins: a batch that goes on after it still ends with its status. */
  static int first(int sofar, int next) {
    return sofar != OK ? sofar : next;
  }
}
