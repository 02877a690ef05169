package io.stork.protocol;

/** A failed Stork operation, with a message fit to show a user as one line. */
public final class StorkException extends RuntimeException {
  public StorkException(String message) {
    super(message);
  }

  public StorkException(String message, Throwable cause) {
    super(message, cause);
  }
}
