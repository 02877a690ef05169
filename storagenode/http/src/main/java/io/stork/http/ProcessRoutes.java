package io.stork.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * What every process answers over HTTP: {@code /metrics} (the Prometheus text format, or
 * OpenMetrics / protobuf as the scraper's Accept asks), {@code /alive} (the process runs and
 * answers) and {@code /ready} (every {@link ReadinessCheck} holds; 503 with the reasons otherwise).
 */
public final class ProcessRoutes {
  private final ProcessMetrics metrics;
  private final List<ReadinessCheck> checks;
  private final HttpSettings settings;
  private final PrometheusScrapeHandler scrapes;

  public ProcessRoutes(ProcessMetrics metrics, List<ReadinessCheck> checks, HttpSettings settings) {
    this.metrics = metrics;
    this.checks = List.copyOf(checks);
    this.settings = settings;
    this.scrapes = new PrometheusScrapeHandler(metrics.registry());
    metrics.includeJvm();
  }

  public Route route() {
    return get(() -> concat(
        path("alive", () -> complete("alive\n")),
        path("ready", () -> completeWithFuture(ready())),
        path("metrics", () -> extractRequest(request -> completeWithFuture(scrape(request))))));
  }

  private CompletionStage<HttpResponse> scrape(HttpRequest request) {
    return metrics.prepare(settings.scrapeTimeout()).thenApply(ready -> {
      ScrapeExchange exchange = new ScrapeExchange(request);
      try {
        scrapes.handleRequest(exchange);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return exchange.toResponse();
    });
  }

  private CompletionStage<HttpResponse> ready() {
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (ReadinessCheck check : checks) {
      answers.add(check.problem().toCompletableFuture()
          .completeOnTimeout("no answer within " + settings.scrapeTimeout().toMillis() + " ms",
              settings.scrapeTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .exceptionally(failure -> "the check failed: " + failure.getMessage()));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<String> problems = answers.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList();
      return problems.isEmpty()
          ? HttpResponse.create().withEntity("ready\n")
          : HttpResponse.create().withStatus(StatusCodes.SERVICE_UNAVAILABLE)
              .withEntity("not ready: " + String.join("; ", problems) + "\n");
    });
  }
}
