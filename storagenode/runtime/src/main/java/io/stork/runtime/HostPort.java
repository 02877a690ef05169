package io.stork.runtime;

/** A host and a TCP port as typed on a command line: {@code 127.0.0.1:2551}, {@code node-1:2551}, {@code [::1]:2551}. */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@' || c == '"')) {
      throw new IllegalArgumentException("invalid host '" + host + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("invalid port " + port + ": 0 to 65535");
    }
  }

  /** Parses {@code HOST:PORT}; the error says what was expected. */
  public static HostPort parse(String text) {
    int colon = text == null ? -1 : text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HostPort(host, parsePort(text.substring(colon + 1)));
  }

  public static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException("invalid port '" + text + "': a number from 0 to 65535");
  }

  public boolean isLoopback() {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
