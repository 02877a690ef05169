package io.stork.storagenode.process;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.stork.http.HttpSettings;
import io.stork.http.ProcessMetrics;
import io.stork.protocol.NodeNames;
import io.stork.runtime.ClusterConfig;
import io.stork.runtime.DataDirLock;
import io.stork.runtime.HostPort;
import io.stork.runtime.ProcessArgs;
import io.stork.runtime.ProcessOptions;
import io.stork.runtime.ProcessStart;
import io.stork.storagenode.StorageNodeMetrics;
import io.stork.storagenode.StorageNodeSettings;
import io.stork.runtime.data.DataSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code scripts/stork-storagenode}: one storage node as its own process, joining a name node. */
public final class StorageNodeMain {
  static final String USAGE = """
      usage: stork-storagenode --namenode HOST:PORT --id ID [options]
        --namenode HOST:PORT  the name node to join (joining is retried until it answers)
        --id ID               this node's id (letters, digits, '_', '.', '-'), the same on every restart
        --zone ZONE           failure zone (rack, host...): replicas of a chunk go to distinct zones
        --capability CAP      a capability it offers, for upload --require CAP (repeatable)
        --capacity SIZE       bytes it accepts, e.g. 64GiB (default 64 GiB)
        --host HOST           address it listens on, reachable by every other process (default 127.0.0.1)
        --port PORT           port it listens on (default 0: any free port)
        --data-port PORT      port its data channel listens on, where chunks arrive (default 0: any free port)
        --data-dir DIR        where its chunks live (default ./stork-data/ID)
        --http-port PORT      serve /metrics, /alive and /ready on stork.http.host (default 127.0.0.1) at PORT
                              (0: any free port; default: off, or stork.http.port)
        --keys DIR            the cluster's TLS keys (scripts/stork-keys DIR); the password comes from
                              $STORK_KEYS_PASSWORD or DIR/password (owner-only)
        --insecure            plain TCP instead of TLS: only on a network you trust
        --config FILE         HOCON settings over the defaults (e.g. failure detector timings)
      """;

  private StorageNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    StorageNodeSettings settings;
    HostPort nameNode;
    int dataPort;
    ProcessOptions options;
    Config config;
    HttpSettings http;
    try {
      ProcessArgs parsed = ProcessArgs.parse(args, ProcessOptions.valuedWith(Set.of("--namenode", "--id", "--zone",
          "--capability", "--capacity", "--data-port")), Set.of("--capability"), ProcessOptions.SWITCHES);
      if (parsed.has("--help")) {
        out.print(USAGE);
        return 0;
      }
      nameNode = HostPort.parse(parsed.required("--namenode"));
      String id = NodeNames.requireValidNodeId(parsed.required("--id"));
      options = ProcessOptions.from(parsed, 0, Path.of("stork-data", id));
      config = ClusterConfig.of(ClusterConfig.STORAGE_ROLE, options.self(), nameNode, options.transport(), options.operatorConfig());
      long capacity = parsed.value("--capacity").map(StorageNodeMain::size).orElse(config.getBytes("stork.storage-node.capacity"));
      dataPort = parsed.value("--data-port").map(HostPort::parsePort).orElse(0);
      settings = new StorageNodeSettings(id, options.dataDir().toAbsolutePath().normalize(), parsed.value("--zone").orElse(""),
          parsed.values("--capability"), capacity, config.getBytes("stork.storage-node.scrub-bytes-per-second"));
      http = HttpSettings.fromConfig(config).requireKeysForTls(options.transport().secure());
    } catch (IllegalArgumentException | IllegalStateException | ConfigException e) {
      return ProcessStart.refuse("stork-storagenode", e, err);
    }
    ProcessMetrics metrics = new ProcessMetrics();
    StorageNodeMetrics nodeMetrics = new StorageNodeMetrics(metrics.registry());
    try (DataDirLock lock = DataDirLock.acquire(settings.dataDir());
         NodeDataChannel data = NodeDataChannel.open(options.transport().sockets(), new HostPort(options.self().host(), dataPort),
             DataSettings.fromConfig(config))) {
      ProcessStart.begin(settings.dataDir(), options.transport(), err);
      try (StorageNodeHttp web = StorageNodeHttp.start(http, config, options.transport(), settings.nodeId(), metrics, nodeMetrics)) {
        out.println("stork-storagenode " + settings.nodeId() + ": listening on " + (options.self().port() == 0
            ? options.self().host() + " (a free port)" : options.self()) + ", chunks on " + data.address()
            + ", joining the name node at " + nameNode + " over " + options.transport().description() + "; " + web.describe()
            + "; data and log in " + settings.dataDir());
        return StorageNodeProcess.run(settings, config, data, nodeMetrics, web);
      }
    } catch (IOException e) {
      err.println("stork-storagenode: cannot listen for chunks on " + options.self().host() + ":" + dataPort + ": " + e.getMessage());
      return 1;
    } catch (IllegalStateException e) {
      err.println("stork-storagenode: " + e.getMessage());
      return 1;
    }
  }

  private static long size(String text) {
    try {
      long bytes = ConfigFactory.parseMap(Map.of("size", text)).getBytes("size");
      if (bytes <= 0) {
        throw new IllegalArgumentException("--capacity must be positive");
      }
      return bytes;
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid --capacity '" + text + "': a size such as 500MiB or 64GiB");
    }
  }
}
