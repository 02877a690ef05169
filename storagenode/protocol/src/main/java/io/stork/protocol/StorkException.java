package io.stork.protocol;

/** A failed Stork operation: its kind, and a message fit to show a user as one line. */
public final class StorkException extends RuntimeException {
  private final ErrorKind kind;

  public StorkException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StorkException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public ErrorKind kind() {
    return kind;
  }
}
