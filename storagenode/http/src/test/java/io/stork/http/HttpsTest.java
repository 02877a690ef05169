package io.stork.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stork.runtime.ClusterKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with the cluster's keys (made by the real scripts/stork-keys): server-only, and mutual. */
class HttpsTest {
  private static final Path STORK_KEYS = Path.of("").toAbsolutePath().resolve("../../scripts/stork-keys").normalize();
  @TempDir
  static Path dir;
  private static ActorSystem<Void> system;
  private static ClusterKeys keys;

  @BeforeAll
  static void start() throws Exception {
    Process script = new ProcessBuilder(STORK_KEYS.toString(), dir.resolve("keys").toString()).redirectErrorStream(true).start();
    String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    script.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, script.exitValue(), output);
    keys = ClusterKeys.load(dir.resolve("keys"));
    system = ActorSystem.create(Behaviors.empty(), "https-test");
  }

  @AfterAll
  static void stop() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }

  /** A client that trusts the cluster's certificate but has no key of its own. */
  private static SSLContext trustOnly() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    char[] password = Files.readString(keys.dir().resolve("password")).trim().toCharArray();
    try (InputStream in = Files.newInputStream(keys.dir().resolve("truststore.p12"))) {
      trusted.load(in, password);
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static String get(String url, SSLContext client) throws IOException {
    HttpsURLConnection connection = (HttpsURLConnection) new URL(url + "hello").openConnection();
    connection.setSSLSocketFactory(client.getSocketFactory());
    connection.setHostnameVerifier((host, session) -> true); // one certificate for the whole cluster: it names no host
    try (InputStream in = connection.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HttpEndpoint serve(String tls) throws Exception {
    HttpSettings http = HttpEndpointTest.settings("stork.http.tls = " + tls);
    return HttpEndpoint.start(system, http, Optional.of(keys.sslContext()), path("hello", () -> complete("hello\n")));
  }

  @Test
  void serverTlsShowsTheClusterCertificate() throws Exception {
    try (HttpEndpoint endpoint = serve("server")) {
      assertEquals("https", endpoint.url().substring(0, 5));
      assertEquals("hello\n", get(endpoint.url(), trustOnly()));
    }
  }

  @Test
  void mutualTlsLetsOnlyHoldersOfTheClusterKeyIn() throws Exception {
    try (HttpEndpoint endpoint = serve("mutual")) {
      assertEquals("hello\n", get(endpoint.url(), keys.sslContext()));
      assertThrows(IOException.class, () -> get(endpoint.url(), trustOnly()));
    }
  }
}
