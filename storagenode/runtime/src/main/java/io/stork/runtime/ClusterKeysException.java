package io.stork.runtime;

/** Cluster keys that cannot be used: missing, exposed, damaged, or opened with the wrong password. */
public final class ClusterKeysException extends Exception {
  public ClusterKeysException(String message) {
    super(message);
  }

  public ClusterKeysException(String message, Throwable cause) {
    super(message, cause);
  }
}
