package io.stork.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.prometheus.metrics.core.metrics.Counter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoint on a real port: health, scrapes as Prometheus asks for them, the token, a port taken. */
class HttpEndpointTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create(Behaviors.empty(), "http-test");
  }

  @AfterAll
  static void stop() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }

  static HttpSettings settings(String hocon) {
    return HttpSettings.fromConfig(ConfigFactory.parseString("stork.http.port = 0\n" + hocon).withFallback(ConfigFactory.load()));
  }

  static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void aliveReadyAndScrapesInTheFormatAsked() throws Exception {
    ProcessMetrics metrics = new ProcessMetrics();
    Counter things = Counter.builder().name("test_things").help("things").register(metrics.registry());
    things.inc(3);
    AtomicInteger fetches = new AtomicInteger();
    metrics.beforeScrape(() -> CompletableFuture.runAsync(fetches::incrementAndGet));
    metrics.beforeScrape(CompletableFuture::new); // never answers: the scrape goes on after the timeout
    AtomicReference<String> problem = new AtomicReference<>("warming up");
    HttpSettings http = settings("stork.http.scrape-timeout = 300ms");
    try (HttpEndpoint endpoint = HttpEndpoint.start(system, http, Optional.empty(),
        new ProcessRoutes(metrics, List.of(ReadinessCheck.now(problem::get)), http).route())) {
      URI base = URI.create(endpoint.url());
      assertTrue(endpoint.url().matches("http://127\\.0\\.0\\.1:\\d+/"), endpoint.url());
      assertEquals("alive\n", text(send(HttpRequest.newBuilder(base.resolve("alive")))));

      HttpResponse<byte[]> notReady = send(HttpRequest.newBuilder(base.resolve("ready")));
      assertEquals(503, notReady.statusCode());
      assertEquals("not ready: warming up\n", text(notReady));
      problem.set(null);
      assertEquals(200, send(HttpRequest.newBuilder(base.resolve("ready"))).statusCode());

      HttpResponse<byte[]> plain = send(HttpRequest.newBuilder(base.resolve("metrics")));
      assertEquals(200, plain.statusCode());
      assertEquals("text/plain; version=0.0.4; charset=utf-8", plain.headers().firstValue("Content-Type").orElseThrow().toLowerCase());
      assertTrue(text(plain).contains("\ntest_things_total 3.0\n"), text(plain));
      assertTrue(text(plain).contains("jvm_memory_used_bytes{area=\"heap\"}"), "the JVM's standard collectors");
      assertEquals(1, fetches.get(), "the fetches run before each scrape");

      HttpResponse<byte[]> open = send(HttpRequest.newBuilder(base.resolve("metrics"))
          .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8"));
      assertTrue(open.headers().firstValue("Content-Type").orElseThrow().startsWith("application/openmetrics-text"));
      assertTrue(text(open).endsWith("# EOF\n"));

      HttpResponse<byte[]> zipped = send(HttpRequest.newBuilder(base.resolve("metrics?name%5B%5D=test_things_total"))
          .header("Accept-Encoding", "gzip"));
      assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(zipped.statusCode() + " " + text(zipped)));
      String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(unzipped.contains("test_things_total 3.0") && !unzipped.contains("jvm_"), unzipped);

      assertEquals(404, send(HttpRequest.newBuilder(base.resolve("nothing"))).statusCode());
      assertEquals(405, send(HttpRequest.newBuilder(base.resolve("metrics")).DELETE()).statusCode());
    }
  }

  private static Route guarded(HttpSettings http) {
    TokenGuard guard = new TokenGuard(http);
    return concat(path("change", () -> post(() -> guard.require(() -> complete("changed\n")))));
  }

  @Test
  void changesNeedTheTokenAndAReadOnlyEndpointRefusesThem() throws Exception {
    HttpSettings writable = settings("stork.http.token = \"0123456789abcdef\"");
    try (HttpEndpoint endpoint = HttpEndpoint.start(system, writable, Optional.empty(), guarded(writable))) {
      URI change = URI.create(endpoint.url()).resolve("change");
      HttpResponse<byte[]> anonymous = send(HttpRequest.newBuilder(change).POST(HttpRequest.BodyPublishers.noBody()));
      assertEquals(401, anonymous.statusCode());
      assertEquals("Bearer realm=\"stork\"", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertEquals(401, send(HttpRequest.newBuilder(change).header("Authorization", "Bearer 0123456789abcdeX")
          .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
      assertEquals(401, send(HttpRequest.newBuilder(change).header("Authorization", "Basic 0123456789abcdef")
          .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
      HttpResponse<byte[]> allowed = send(HttpRequest.newBuilder(change).header("Authorization", "Bearer 0123456789abcdef")
          .POST(HttpRequest.BodyPublishers.noBody()));
      assertEquals("changed\n", text(allowed));
    }
    HttpSettings readOnly = settings("");
    try (HttpEndpoint endpoint = HttpEndpoint.start(system, readOnly, Optional.empty(), guarded(readOnly))) {
      HttpResponse<byte[]> refused = send(HttpRequest.newBuilder(URI.create(endpoint.url()).resolve("change"))
          .header("Authorization", "Bearer 0123456789abcdef").POST(HttpRequest.BodyPublishers.noBody()));
      assertEquals(403, refused.statusCode());
      assertEquals("this endpoint is read-only: set stork.http.token to allow changes\n", text(refused));
    }
  }

  @Test
  void aTakenPortIsOneLine() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      HttpSettings http = settings("stork.http.port = " + taken.getLocalPort());
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> HttpEndpoint.start(system, http, Optional.empty(), guarded(http)));
      assertTrue(e.getMessage().startsWith("cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort() + ": "), e.getMessage());
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
  }
}
