package io.stork.protocol;

/** A storage node as the name node sees it. */
public enum NodeState {
  /** Reachable and serving: read from, written to. */
  UP,
  /** The failure detector lost it: not read from or written to, its replicas still count, until it is back or dead. */
  UNREACHABLE,
  /** Gone: its replicas no longer count, and its chunks are copied elsewhere. */
  DEAD;

  /** The word for tables and JSON: {@code up}, {@code unreachable}, {@code dead}. */
  public String label() {
    return name().toLowerCase();
  }
}
