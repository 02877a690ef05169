package io.stork.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.StorkException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's API without a browser: the event stream, one artifact's page, refusals, and deletes behind the token. */
class DashboardApiTest {
  private static final String TOKEN = "a-token-of-twenty-chars";

  private static HttpResponse<String> delete(String url, String name, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "api/artifact?name=" + encode(name))).DELETE();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return Web.send(request.build());
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  @Test
  void theStreamStartsWithWhatHappenedAndTheStateOfNow(@TempDir Path dir) throws Exception {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, MetricsTest.CONFIG)) {
      cluster.client().upload("a", new byte[] {1, 2, 3});
      String url = cluster.httpUrl().orElseThrow();
      HttpResponse<Stream<String>> events = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url + "api/events")).build(), HttpResponse.BodyHandlers.ofLines());
      assertEquals("text/event-stream", events.headers().firstValue("Content-Type").orElseThrow());
      try (Stream<String> lines = events.body()) {
        // An SSE event is "data:...", "event:TYPE", "id:N" lines and a blank one; read until the first state.
        CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
          List<String> seen = new ArrayList<>();
          Iterator<String> line = lines.iterator();
          while (seen.stream().noneMatch(l -> l.replace(" ", "").equals("event:state"))) {
            seen.add(line.next());
          }
          return seen;
        });
        List<String> seen = read.get(20, TimeUnit.SECONDS);
        assertEquals(5, seen.stream().filter(l -> l.startsWith("data:") && l.contains("\"kind\":\"NODE_JOINED\"")).count(),
            "the five joins came first: " + seen);
        String state = seen.stream().filter(l -> l.startsWith("data:") && l.contains("\"summary\"")).findFirst().orElseThrow();
        assertTrue(state.contains("\"artifacts\":1") && state.contains("\"name\":\"a\""), state);
      }
    }
  }

  @Test
  void anArtifactsPageRefusalsAndDeletesOnlyWithTheToken(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, MetricsTest.CONFIG + "stork.http.token = \"" + TOKEN + "\"\n")) {
      String name = "releases/ünïcode ✓.jar";
      cluster.client().upload(name, TestData.random(600 << 10, 3));
      String url = cluster.httpUrl().orElseThrow();
      HttpResponse<String> page = Web.get(url + "api/artifact?name=" + encode(name));
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("\"name\":\"" + name + "\"") && page.body().contains("\"index\":2"), page.body());
      assertEquals(404, Web.get(url + "api/artifact?name=nothing").statusCode());
      HttpResponse<String> invalid = Web.get(url + "api/artifact?name=" + encode("../etc/passwd"));
      assertEquals(400, invalid.statusCode());
      assertTrue(invalid.body().startsWith("{\"error\":"), invalid.body());
      assertEquals(404, Web.get(url + "api/artifact").statusCode(), "no name: no such resource");
      assertTrue(Web.get(url + "api/state").body().contains("\"writable\":true"));

      assertEquals(401, delete(url, name, null).statusCode());
      assertEquals(401, delete(url, name, TOKEN + "x").statusCode());
      assertEquals(1, cluster.client().allArtifacts("").size(), "nothing deleted without the token");
      HttpResponse<String> deleted = delete(url, name, TOKEN);
      assertEquals(200, deleted.statusCode(), deleted.body());
      assertThrows(StorkException.class, () -> cluster.client().locate(name));
      assertEquals(404, delete(url, name, TOKEN).statusCode());
    }
  }

  @Test
  void withoutATokenTheDashboardIsReadOnly(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, MetricsTest.CONFIG)) {
      cluster.client().upload("kept", new byte[] {7});
      String url = cluster.httpUrl().orElseThrow();
      assertEquals(403, delete(url, "kept", TOKEN).statusCode());
      await().atMost(Duration.ofSeconds(10)).until(() -> Web.get(url + "api/state").body().contains("\"writable\":false"));
      assertEquals(1, cluster.client().allArtifacts("").size());
    }
  }
}
