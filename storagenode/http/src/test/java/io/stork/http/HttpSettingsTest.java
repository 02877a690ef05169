package io.stork.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {
  private static HttpSettings parse(String hocon) {
    return HttpSettings.fromConfig(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()));
  }

  private static String error(String hocon) {
    return assertThrows(IllegalArgumentException.class, () -> parse(hocon)).getMessage();
  }

  @Test
  void offByDefaultOnLoopbackReadOnlyAndPlain() {
    HttpSettings defaults = parse("");
    assertFalse(defaults.enabled());
    assertEquals("127.0.0.1", defaults.host());
    assertEquals(Optional.empty(), defaults.token());
    assertFalse(defaults.writable());
    assertEquals(HttpSettings.Tls.OFF, defaults.tls());
  }

  @Test
  void aPortTurnsItOnAndATokenMakesItWritable() {
    HttpSettings on = parse("stork.http { port = 0, token = \"0123456789abcdef\", tls = mutual }");
    assertTrue(on.enabled());
    assertEquals(0, on.port());
    assertTrue(on.writable());
    assertEquals(HttpSettings.Tls.MUTUAL, on.tls());
    assertEquals(8080, parse("stork.http.port = \"8080\"").port());
  }

  @Test
  void badValuesAreOneLineEach() {
    assertEquals("stork.http.port must be off, 0 (any free port) or a port number, not 'web'", error("stork.http.port = web"));
    assertEquals("stork.http.port must be off, 0 (any free port) or a port number up to 65535, not 70000",
        error("stork.http.port = 70000"));
    assertEquals("stork.http.tls must be off, server or mutual, not 'maybe'", error("stork.http.tls = maybe"));
    assertEquals("stork.http.token must be at least 16 characters (it guards changes), or empty for a read-only endpoint",
        error("stork.http.token = short"));
    assertEquals("stork.http.host must not be empty", error("stork.http.host = \"\""));
  }

  @Test
  void tlsNeedsTheClusterKeys() {
    HttpSettings tls = parse("stork.http { port = 0, tls = server }");
    assertEquals("stork.http.tls = server serves the cluster's certificate: it needs the cluster keys (--keys)",
        assertThrows(IllegalArgumentException.class, () -> tls.requireKeysForTls(false)).getMessage());
    assertEquals(tls, tls.requireKeysForTls(true));
  }
}
