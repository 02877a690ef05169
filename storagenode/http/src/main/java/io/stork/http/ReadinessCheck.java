package io.stork.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** One condition of {@code /ready}: completes with null when it holds, else with one line saying why not. */
@FunctionalInterface
public interface ReadinessCheck {
  CompletionStage<String> problem();

  /** A check that needs no asking: {@code problem} answers at once. */
  static ReadinessCheck now(Supplier<String> problem) {
    return () -> CompletableFuture.completedFuture(problem.get());
  }
}
