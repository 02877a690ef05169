package io.stork.shell;

/** A command the shell refuses or could not carry out; the message is one line for the user. */
final class CommandException extends RuntimeException {
  CommandException(String message) {
    super(message, null, false, false); // never printed with a stack trace, so none is taken
  }
}
