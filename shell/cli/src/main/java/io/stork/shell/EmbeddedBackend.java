package io.stork.shell;

import io.stork.protocol.ErrorKind;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stork.protocol.StorkException;
import io.stork.runtime.DataDirLock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded cluster of the launcher: 1 name node and N storage nodes in this JVM, under a data
 * directory that this process locks, since two clusters writing one journal would corrupt it.
 */
final class EmbeddedBackend {
  private EmbeddedBackend() {}

  static Backend start(LaunchOptions options) {
    Path dir = options.dataDir().toAbsolutePath().normalize();
    DataDirLock lock = lock(dir);
    try {
      LocalCluster cluster = LocalCluster.start(dir, overrides(options));
      String description = "embedded cluster: " + options.nodes() + " storage nodes (sn-1 ... sn-" + options.nodes()
          + "), replication " + options.replication() + ", chunk size " + Sizes.format(options.chunkSize())
          + ", data and log in " + options.dataDir()
          + cluster.cluster().nodeFailures().stream().map(failed -> "\nwarning: " + failed.nodeId() + " did not start: " + failed.reason())
              .collect(java.util.stream.Collectors.joining())
          + cluster.cluster().httpUrl().map(url -> "\ndashboard: " + url + " (and /metrics, /alive, /ready)").orElse("");
      return Backend.of(cluster, description, () -> {
        try {
          cluster.close();
        } finally {
          lock.close();
        }
      });
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static DataDirLock lock(Path dir) {
    try {
      return DataDirLock.acquire(dir);
    } catch (IllegalStateException e) {
      throw new StorkException(ErrorKind.CONFLICT, e.getMessage(), e); // another process holds it
    }
  }

  /** The launcher's flags as the config keys of the core; Pekko's own stdout logger silenced. */
  static Config overrides(LaunchOptions options) {
    Map<String, Object> values = new HashMap<>(Map.of(
        "stork.replication", options.replication(),
        "stork.chunk-size", options.chunkSize(),
        "stork.embedded.storage-nodes", options.nodes(),
        // Start-up and shutdown messages would otherwise go to stdout, over the prompt or the batch output.
        "pekko.stdout-loglevel", "OFF"));
    if (options.httpPort() != null) { // else whatever the configuration says (off by default)
      values.put("stork.http.port", options.httpPort());
    }
    if (options.recoverJournal()) {
      values.put("stork.namenode.recover-journal", true);
    }
    if (!options.capabilities().isEmpty()) { // else whatever the configuration says
      values.put("stork.embedded.capabilities", options.capabilities());
    }
    return ConfigFactory.parseMap(values);
  }
}
