package io.stork.http;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The metrics of one process: a Prometheus registry with the servers' own metrics, the JVM's
 * standard collectors once it is served (heap and other memory pools, garbage collections, threads,
 * class loading...), and what must be fetched before a scrape (numbers an actor owns, asked for).
 * One registry a process, not the library's global one: tests run many clusters in one JVM.
 */
public final class ProcessMetrics {
  /** Latency buckets in seconds, from a page-cache read (0.1 ms) to a stalled disk (10 s). */
  public static final double[] LATENCY_SECONDS = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final List<Supplier<CompletionStage<?>>> beforeScrape = new CopyOnWriteArrayList<>();
  private final AtomicBoolean jvm = new AtomicBoolean();

  /**
   * Adds the JVM's collectors, once. Only for a registry that is served: the library keeps every
   * registry it adds them to, and hooks each into the JVM's GC notifications, for the life of the JVM.
   */
  void includeJvm() {
    if (jvm.compareAndSet(false, true)) {
      JvmMetrics.builder().register(registry);
    }
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** Runs {@code fetch} before every scrape, e.g. to ask an actor for the numbers its gauges report. */
  public void beforeScrape(Supplier<CompletionStage<?>> fetch) {
    beforeScrape.add(fetch);
  }

  /**
   * Completes once every fetch has, or after {@code timeout}: a server that does not answer then is
   * scraped with the numbers it gave last (and its own metrics tell that it did not answer).
   */
  CompletionStage<Void> prepare(Duration timeout) {
    CompletableFuture<?>[] fetches = beforeScrape.stream()
        .map(fetch -> fetch.get().toCompletableFuture().exceptionally(failure -> null))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(fetches).completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A latency histogram in seconds with {@link #LATENCY_SECONDS}' buckets, to be named, labelled and registered. */
  public static Histogram.Builder latency(String name, String help) {
    return Histogram.builder().name(name).unit(Unit.SECONDS).help(help).classicOnly().classicUpperBounds(LATENCY_SECONDS);
  }

  /** Seconds in a {@link System#nanoTime()} difference, for histograms. */
  public static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
