package io.stork.shell;

import io.stork.protocol.ErrorKind;
import com.typesafe.config.ConfigFactory;
import io.stork.chaos.Chaos;
import io.stork.chaos.RemoteTarget;
import io.stork.client.ClusterConnection;
import io.stork.protocol.StorkException;
import io.stork.runtime.HostPort;
import io.stork.runtime.Transport;
import java.time.Duration;
import java.util.Map;

/**
 * A cluster running elsewhere: the shell connects as a remoting client (never a cluster member),
 * speaks to its name node, and stores and reads chunks over the storage nodes' data channels.
 */
final class RemoteBackend {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

  private RemoteBackend() {}

  static Backend start(LaunchOptions options, RemoteTarget.Launcher launcher) {
    LaunchOptions.Remote remote = options.remote();
    Transport transport;
    try {
      transport = remote.insecure() ? Transport.insecure() : Transport.tls(remote.keysDir());
    } catch (IllegalArgumentException e) {
      throw new StorkException(ErrorKind.INVALID, e.getMessage(), e);
    }
    HostPort self = remote.host() != null ? new HostPort(remote.host(), 0) : ClusterConnection.selfFor(remote.nameNode());
    ClusterConnection connection = ClusterConnection.open(remote.nameNode(), self, transport,
        ConfigFactory.parseMap(Map.of("pekko.stdout-loglevel", "OFF")), CONNECT_TIMEOUT);
    EventFeed feed = new EventFeed();
    Chaos chaos = Chaos.over(new RemoteTarget(connection, launcher), System.nanoTime(), feed::chaosEvent);
    String description = "connected to the name node at " + remote.nameNode() + " over " + transport.description()
        + (transport.secure() ? "" : "\n" + Transport.INSECURE_WARNING);
    return Backend.of(connection.client(), chaos, feed, description, () -> connection.connected() ? null
        : "this shell is out of the cluster (it lost the name node at " + remote.nameNode() + "): leave and connect again", () -> {
      try {
        chaos.close();
      } finally {
        connection.close();
      }
    });
  }
}
