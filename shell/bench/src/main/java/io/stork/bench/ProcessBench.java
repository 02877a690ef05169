package io.stork.bench;

import com.typesafe.config.ConfigFactory;
import io.stork.chaos.RemoteTarget;
import io.stork.client.ClusterConnection;
import io.stork.deploy.DeployedLauncher;
import io.stork.deploy.Deployer;
import io.stork.deploy.Deployment;
import io.stork.deploy.SpecParser;
import io.stork.deploy.Undeployer;
import io.stork.runtime.HostPort;
import io.stork.runtime.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stork's figures across processes: a name node and 5 storage nodes, each its own JVM on its own
 * loopback address, deployed from a spec with TLS keys, as an operator would; this JVM is the client.
 */
final class ProcessBench {
  private static final Duration WITHIN = Duration.ofMinutes(3);

  private ProcessBench() {}

  static List<Figure> measure(Path dir, Path storkHome, long size, int runs, double writeLimitMiBs, double digestMiBs,
                              PrintStream log) throws IOException {
    int port = freePort();
    Path spec = Files.writeString(dir.resolve("bench-cluster.conf"), """
        namenode { host = 127.0.0.1, port = %d }
        keys = keys
        data-root = data
        storage-nodes = [
          { id = sn-1, host = 127.0.0.2, zone = a }
          { id = sn-2, host = 127.0.0.3, zone = b }
          { id = sn-3, host = 127.0.0.4, zone = c }
          { id = sn-4, host = 127.0.0.5, zone = a }
          { id = sn-5, host = 127.0.0.6, zone = b }
        ]
        """.formatted(port));
    Deployment deployment = Deployment.of(SpecParser.parse(spec));
    try {
      new Deployer(deployment, log, WITHIN, storkHome).deploy();
      List<Figure> figures = new ArrayList<>();
      try (ClusterConnection connection = ClusterConnection.open(new HostPort("127.0.0.1", port), new HostPort("127.0.0.1", 0),
          Transport.tls(dir.resolve("keys")), ConfigFactory.empty(), WITHIN)) {
        RemoteTarget nodes = new RemoteTarget(connection, new DeployedLauncher(deployment));
        figures.addAll(ClusterBench.large(connection.client(), "processes: ", dir, size, runs, writeLimitMiBs, 3, digestMiBs));
        figures.addAll(ClusterBench.recovery(connection.client(), "processes: ", nodes::crash, nodes::restart, writeLimitMiBs));
      }
      return figures;
    } finally {
      new Undeployer(deployment, log, Undeployer.DEFAULT_TIMEOUT).undeploy(true);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
