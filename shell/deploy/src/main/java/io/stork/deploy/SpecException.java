package io.stork.deploy;

/** A spec that cannot be deployed as written; the message names the spec file, the line and the key. */
public final class SpecException extends RuntimeException {
  public SpecException(String message) {
    super(message);
  }
}
