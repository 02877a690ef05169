package io.stork.http;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP endpoint's settings, from {@code stork.http} (documented in this module's
 * {@code reference.conf}): whether it runs, where it listens, the token that guards changes, TLS.
 */
public record HttpSettings(boolean enabled, String host, int port, Optional<String> token, Tls tls, Duration scrapeTimeout) {
  /** The shortest token accepted: a short one is guessed. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public enum Tls {
    /** Plain HTTP. */
    OFF,
    /** HTTPS with the cluster's certificate. */
    SERVER,
    /** HTTPS, and clients must show the cluster's certificate too. */
    MUTUAL
  }

  public HttpSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("stork.http.host must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("stork.http.port must be off, 0 (any free port) or a port number up to 65535, not " + port);
    }
    token = token.filter(t -> !t.isEmpty());
    if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException("stork.http.token must be at least " + MIN_TOKEN_LENGTH
          + " characters (it guards changes), or empty for a read-only endpoint");
    }
  }

  public static HttpSettings fromConfig(Config config) {
    Config http = config.getConfig("stork.http");
    String port = http.getString("port").trim();
    boolean enabled = !port.equalsIgnoreCase("off");
    return new HttpSettings(enabled, http.getString("host"), enabled ? parsePort(port) : 0, Optional.of(http.getString("token")),
        tls(http.getString("tls")), http.getDuration("scrape-timeout"));
  }

  /**
   * These settings, when they can run with or without the cluster keys ({@code keys}): TLS serves
   * the cluster's certificate, so it needs them.
   *
   * @throws IllegalArgumentException when TLS is asked for without keys
   */
  public HttpSettings requireKeysForTls(boolean keys) {
    if (tls != Tls.OFF && !keys) {
      throw new IllegalArgumentException("stork.http.tls = " + tls.name().toLowerCase(Locale.ROOT)
          + " serves the cluster's certificate: it needs the cluster keys (--keys)");
    }
    return this;
  }

  /** True when requests that change something are accepted (with the token). */
  public boolean writable() {
    return token.isPresent();
  }

  private static int parsePort(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("stork.http.port must be off, 0 (any free port) or a port number, not '" + text + "'");
    }
  }

  private static Tls tls(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "off", "false", "no" -> Tls.OFF;
      case "server", "on", "true" -> Tls.SERVER;
      case "mutual" -> Tls.MUTUAL;
      default -> throw new IllegalArgumentException("stork.http.tls must be off, server or mutual, not '" + text + "'");
    };
  }
}
