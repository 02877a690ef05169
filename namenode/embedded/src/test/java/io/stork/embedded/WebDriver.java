package io.stork.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Headless Chromium driven by ChromeDriver over the W3C WebDriver protocol (plain HTTP and JSON):
 * a real browser for the dashboard's tests, with no test framework beyond the JDK's HTTP client.
 */
final class WebDriver implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process driver;
  private final String session;

  private WebDriver(Process driver, String session) {
    this.driver = driver;
    this.session = session;
  }

  /** Why no browser can run here, or null when Debian's chromium and chromium-driver are installed. */
  static String missing() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) ? null
        : "no Chromium here: apt-get install -y chromium chromium-driver (.ci/run does) for the dashboard's browser test";
  }

  /** Starts ChromeDriver on a free port and opens a headless Chromium with a profile of its own in {@code profile}. */
  static WebDriver start(Path profile) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
        .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromedriver.log").toFile()).start();
    String base = "http://127.0.0.1:" + port;
    try {
      Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> Web.get(base + "/status").body().contains("\"ready\":true"));
      // The flags that keep Chromium off the network it would call home to (and quiet as root in a container).
      Map<String, Object> options = Map.of("binary", CHROMIUM.toString(), "args", List.of("--headless", "--no-sandbox",
          "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--window-size=1440,900", "--user-data-dir=" + profile));
      JsonNode created = post(base + "/session", Map.of("capabilities", Map.of("alwaysMatch",
          Map.of("browserName", "chrome", "goog:chromeOptions", options))));
      return new WebDriver(driver, base + "/session/" + created.get("value").get("sessionId").asText());
    } catch (RuntimeException | IOException e) {
      driver.destroyForcibly();
      throw e;
    }
  }

  void open(String url) throws IOException {
    post(session + "/url", Map.of("url", url));
  }

  /** Runs {@code script} (a function body; {@code return} its answer) in the page. */
  JsonNode run(String script) throws IOException {
    return post(session + "/execute/sync", Map.of("script", script, "args", List.of())).get("value");
  }

  byte[] screenshot() {
    JsonNode answer = read(Web.get(session + "/screenshot"));
    return Base64.getDecoder().decode(answer.get("value").asText());
  }

  private static JsonNode post(String url, Object body) throws IOException {
    return read(Web.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build()));
  }

  private static JsonNode read(HttpResponse<String> answer) {
    try {
      JsonNode json = JSON.readTree(answer.body());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("WebDriver answered " + answer.statusCode() + ": " + json.path("value").path("message").asText());
      }
      return json;
    } catch (IOException e) {
      throw new IllegalStateException("WebDriver answered no JSON: " + answer.body(), e);
    }
  }

  @Override
  public void close() {
    try {
      Web.send(HttpRequest.newBuilder(URI.create(session)).timeout(Duration.ofSeconds(20)).DELETE().build());
    } finally {
      driver.destroy();
    }
  }
}
