package io.stork.client;

import com.typesafe.config.Config;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.StorkException;
import io.stork.runtime.ClusterConfig;
import io.stork.runtime.HostPort;
import io.stork.runtime.Requests;
import io.stork.runtime.Transport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

/**
 * A client's way into a multi-process cluster: an actor system that joins it with role "shell",
 * speaks to the name node at its path in the seed process, and leaves the cluster when closed.
 */
public final class ClusterConnection implements AutoCloseable {
  private final ActorSystem<Void> system;
  private final StorkClient client;
  private final HostPort nameNodeAddress;

  private ClusterConnection(ActorSystem<Void> system, StorkClient client, HostPort nameNodeAddress) {
    this.system = system;
    this.client = client;
    this.nameNodeAddress = nameNodeAddress;
  }

  /**
   * Joins the cluster of the name node at {@code nameNode}, listening on {@code self} (port 0: any).
   * Fails with a message that says what to check when no name node answers within {@code timeout}.
   */
  public static ClusterConnection open(HostPort nameNode, HostPort self, Transport transport, Config operator, Duration timeout) {
    Config config = ClusterConfig.of(ClusterConfig.SHELL_ROLE, self, nameNode, transport, operator);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), ClusterConfig.SYSTEM_NAME, config);
    try {
      // Straight to the name node's known path: no waiting for the join to complete and be gossiped.
      ActorRef<NameNodeProtocol.Command> ref = ActorRefResolver.get(system).resolveActorRef(
          ClusterConfig.address(nameNode) + NameNodeProtocol.PATH);
      StorkClient client = new StorkClient(system, ref, ClientSettings.fromConfig(config));
      awaitAnswer(client, timeout, "no name node answered at " + nameNode + " within " + timeout.toSeconds()
          + "s (is it running there, with the same " + (transport.secure() ? "keys" : "--insecure") + "? can it reach this shell at "
          + self.host() + "? if not, give this host's address with --host)");
      return new ClusterConnection(system, client, nameNode);
    } catch (RuntimeException e) {
      Requests.terminate(system, "the connection");
      throw e;
    }
  }

  /** Asks for the status until the name node answers (the first message also opens the connection). */
  private static void awaitAnswer(StorkClient client, Duration timeout, String failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        client.status();
        return;
      } catch (StorkException e) {
        if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
          throw new StorkException(failure, e);
        }
      }
    }
  }

  /** The address a client on this host listens on to reach {@code nameNode}: loopback for a local cluster. */
  public static HostPort selfFor(HostPort nameNode) {
    if (nameNode.isLoopback()) {
      return new HostPort("127.0.0.1", 0);
    }
    try {
      return new HostPort(InetAddress.getLocalHost().getHostAddress(), 0);
    } catch (UnknownHostException e) {
      throw new StorkException("cannot tell this host's address (give one with --host): " + e.getMessage(), e);
    }
  }

  public StorkClient client() {
    return client;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public HostPort nameNodeAddress() {
    return nameNodeAddress;
  }

  /** False once this client is out of the cluster (it was downed, e.g. while the name node was unreachable). */
  public boolean connected() {
    return !system.whenTerminated().isCompleted();
  }

  /** Leaves the cluster (so nobody waits for a failure detector) and stops. */
  @Override
  public void close() {
    try {
      Requests.terminate(system, "the connection");
    } catch (StorkException e) {
      // Leaving can outlast the wait when the cluster is in trouble (no name node to agree); this
      // client is gone either way, and its process may exit.
      LoggerFactory.getLogger(ClusterConnection.class).warn("leaving the cluster: {}", e.getMessage());
    }
  }
}
