package io.stork.shell;

/** A bad launcher flag or value: reported in one line, with a pointer to --help, exit status 2. */
final class UsageException extends Exception {
  private final boolean json;

  UsageException(String message) {
    this(message, false);
  }

  /** {@code json}: the command line asked for JSON, so the error is told as JSON too. */
  UsageException(String message, boolean json) {
    super(message, null, false, false);
    this.json = json;
  }

  boolean json() {
    return json;
  }
}
