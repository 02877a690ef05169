package io.stork.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test's HTTP client for Stork's endpoints, and a reader of the Prometheus text format. */
public final class Web {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

  private Web() {}

  public static HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The samples of a {@code /metrics} answer: {@code name{labels}} as written, to its value. */
  public static Map<String, Double> samples(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!line.startsWith("#") && sample.matches()) {
        samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
      }
    }
    return samples;
  }

  /** Scrapes {@code baseUrl}/metrics. */
  public static Map<String, Double> scrape(String baseUrl) {
    HttpResponse<String> answer = get(baseUrl + "metrics");
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("/metrics answered " + answer.statusCode() + ": " + answer.body());
    }
    return samples(answer.body());
  }

  /** A sample's value, 0 when it is absent (a counter not yet counted). */
  public static double value(Map<String, Double> samples, String key) {
    return samples.getOrDefault(key, 0.0);
  }

  /** The sum of every sample of {@code name} (over all its labels). */
  public static double sum(Map<String, Double> samples, String name) {
    return samples.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
        .mapToDouble(Map.Entry::getValue).sum();
  }
}
