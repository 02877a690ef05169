package io.stork.shell;

/** A bad launcher flag or value: reported in one line, with a pointer to --help, exit status 2. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message, null, false, false);
  }
}
