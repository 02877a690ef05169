package io.stork.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;

/**
 * The Pekko configuration of one process of a multi-process cluster: a member's role, the address
 * it listens on, the name node it joins, its transport, over the defaults of {@code stork-cluster.conf};
 * or a client's, which never joins, over those of {@code stork-client.conf}.
 */
public final class ClusterConfig {
  /** Every process's actor system has this name: it is part of every address. */
  public static final String SYSTEM_NAME = "stork";
  public static final String NAMENODE_ROLE = "namenode";
  public static final String STORAGE_ROLE = "storage";

  private ClusterConfig() {}

  /** The address of the process at {@code node}, as seed nodes are written. */
  public static String address(HostPort node) {
    return "pekko://" + SYSTEM_NAME + "@" + node;
  }

  /**
   * @param operator the operator's own settings (a {@code --config} file), which win over all but -D options
   */
  public static Config of(String role, HostPort self, HostPort nameNode, Transport transport, Config operator) {
    Config identity = ConfigFactory.parseMap(Map.of(
        "pekko.cluster.roles", List.of(role),
        "pekko.remote.artery.canonical.hostname", self.host(),
        "pekko.remote.artery.canonical.port", self.port(),
        "pekko.cluster.seed-nodes", List.of(address(nameNode))));
    return ConfigFactory.systemProperties() // -D options win, as everywhere in Stork
        .withFallback(operator)
        .withFallback(identity)
        .withFallback(transport.config())
        .withFallback(ConfigFactory.parseResources(ClusterConfig.class.getClassLoader(), "stork-cluster.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  /** A client's configuration: remoting on {@code self} (port 0: any), no membership. */
  public static Config client(HostPort self, Transport transport, Config operator) {
    Config identity = ConfigFactory.parseMap(Map.of(
        "pekko.remote.artery.canonical.hostname", self.host(),
        "pekko.remote.artery.canonical.port", self.port()));
    return ConfigFactory.systemProperties()
        .withFallback(operator)
        .withFallback(identity)
        .withFallback(transport.config())
        .withFallback(ConfigFactory.parseResources(ClusterConfig.class.getClassLoader(), "stork-client.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }
}
