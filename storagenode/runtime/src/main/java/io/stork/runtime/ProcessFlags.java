package io.stork.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags every Stork process takes, besides its own: where it listens, how it talks, what
 * settings it reads. A picocli mixin: {@code @Mixin ProcessFlags flags} in a process's command.
 */
public final class ProcessFlags {
  @Option(names = "--host", paramLabel = "HOST", description = "address it listens on, reachable by every other process "
      + "(default 127.0.0.1)")
  String host = "127.0.0.1";

  @Option(names = "--keys", paramLabel = "DIR", description = "the cluster's TLS keys (scripts/stork-keys DIR); the password "
      + "comes from $STORK_KEYS_PASSWORD or DIR/password (owner-only)")
  String keys;

  @Option(names = "--insecure", description = "plain TCP instead of TLS: only on a network you trust")
  boolean insecure;

  @Option(names = "--config", paramLabel = "FILE", description = "HOCON settings over the defaults (replication, chunk-size, "
      + "failure detector...)")
  String config;

  @Option(names = "--http-port", paramLabel = "PORT", description = "serve /metrics, /alive and /ready (and, on the name node, "
      + "the dashboard) on stork.http.host (default 127.0.0.1) at PORT (0: any free port; default: off, or stork.http.port)")
  String httpPort;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  /** Where the process listens: {@code --host} and the port its own flag gave. */
  public HostPort self(String port, int defaultPort) {
    return new HostPort(host, port == null ? defaultPort : HostPort.parsePort(port));
  }

  public Transport transport() {
    return Transport.of(keys == null ? null : Path.of(keys), insecure);
  }

  /** The settings of flags that stand for one ({@code --http-port} for stork.http.port) over those of {@code --config FILE}. */
  public Config operatorConfig() {
    Config flags = httpPort == null ? ConfigFactory.empty()
        : ConfigFactory.parseMap(Map.of("stork.http.port", HostPort.parsePort(httpPort)), "--http-port");
    return flags.withFallback(configFile());
  }

  private Config configFile() {
    if (config == null) {
      return ConfigFactory.empty();
    }
    Path file = Path.of(config);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--config " + file + ": no such file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile());
    } catch (ConfigException e) {
      throw new IllegalArgumentException("--config " + file + ": " + e.getMessage());
    }
  }
}
