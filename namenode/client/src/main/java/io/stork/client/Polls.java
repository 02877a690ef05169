package io.stork.client;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Asking the same question again until its answer is the one waited for. */
final class Polls {
  private Polls() {}

  /**
   * Asks every {@code every} until {@code reached} holds or {@code timeout} has passed; returns the
   * last answer (test it again to tell which). An interrupt cancels.
   */
  static <T> T until(Supplier<T> ask, Predicate<T> reached, Duration timeout, Duration every) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T answer = ask.get();
      if (reached.test(answer) || System.nanoTime() > deadline) {
        return answer;
      }
      try {
        Thread.sleep(every.toMillis()); // polls the name node: its answers are what is waited for
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorkException(ErrorKind.CANCELLED, "cancelled");
      }
    }
  }
}
