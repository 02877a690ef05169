package io.stork.shell;

import io.stork.protocol.ErrorKind;
import java.time.Duration;

/** Waiting between two looks at the cluster; Ctrl-C (an interrupt) cancels. */
final class Sleeps {
  private Sleeps() {}

  /** Sleeps, or fails with "cancelled" when interrupted. */
  static void sleep(Duration duration) {
    if (!sleepUntilInterrupted(duration)) {
      throw new CommandException(ErrorKind.CANCELLED, "cancelled");
    }
  }

  /** Sleeps; false when interrupted (the interrupt is kept). */
  static boolean sleepUntilInterrupted(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
