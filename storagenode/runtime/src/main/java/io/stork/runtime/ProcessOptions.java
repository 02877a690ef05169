package io.stork.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What every Stork process takes on its command line: where it listens, keeps data, and how it talks. */
public record ProcessOptions(HostPort self, Path dataDir, Transport transport, Config operatorConfig) {
  /** Flags every process takes, besides its own. */
  public static final Set<String> VALUED = Set.of("--host", "--port", "--data-dir", "--keys", "--config", "--http-port");
  public static final Set<String> SWITCHES = Set.of("--insecure", "--help");

  /** The flags of a process that also takes {@code more}. */
  public static Set<String> valuedWith(Set<String> more) {
    Set<String> all = new HashSet<>(VALUED);
    all.addAll(more);
    return all;
  }

  public static ProcessOptions from(ProcessArgs args, int defaultPort, Path defaultDataDir) {
    String host = args.value("--host").orElse("127.0.0.1");
    int port = args.value("--port").map(HostPort::parsePort).orElse(defaultPort);
    Path dataDir = Path.of(args.value("--data-dir").orElse(defaultDataDir.toString()));
    return new ProcessOptions(new HostPort(host, port), dataDir, Transport.of(args), flagConfig(args).withFallback(operatorConfig(args)));
  }

  /** Flags that stand for a setting (--http-port for stork.http.port), over the --config file. */
  private static Config flagConfig(ProcessArgs args) {
    return args.value("--http-port")
        .map(port -> ConfigFactory.parseMap(Map.of("stork.http.port", HostPort.parsePort(port)), "--http-port"))
        .orElse(ConfigFactory.empty());
  }

  private static Config operatorConfig(ProcessArgs args) {
    if (!args.has("--config")) {
      return ConfigFactory.empty();
    }
    Path file = Path.of(args.required("--config"));
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
