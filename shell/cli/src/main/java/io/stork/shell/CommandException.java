package io.stork.shell;

import io.stork.protocol.ErrorKind;

/** A command the shell refuses or could not carry out; the message is one line for the user. */
final class CommandException extends RuntimeException {
  private final ErrorKind kind;

  /** Something wrong with what was typed: a usage error. */
  CommandException(String message) {
    this(ErrorKind.INVALID, message);
  }

  CommandException(ErrorKind kind, String message) {
    super(message, null, false, false); // never printed with a stack trace, so none is taken
    this.kind = kind;
  }

  ErrorKind kind() {
    return kind;
  }
}
