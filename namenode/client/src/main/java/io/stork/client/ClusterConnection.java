package io.stork.client;

import io.stork.protocol.ErrorKind;
import com.typesafe.config.Config;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.StorkException;
import io.stork.runtime.ClusterConfig;
import io.stork.runtime.HostPort;
import io.stork.runtime.Requests;
import io.stork.runtime.data.ChunkTransport;
import io.stork.runtime.data.DataClient;
import io.stork.runtime.data.DataSettings;
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
 * A client's way into a multi-process cluster without joining it: an actor system with Artery
 * remoting (and the cluster's TLS) that speaks to the name node at its path in the process at the
 * contact point, and to storage nodes directly. Starting, stopping or dying changes nothing in the
 * cluster's membership.
 */
public final class ClusterConnection implements AutoCloseable {
  /** The phase of coordinated shutdown that stops remoting: a close waits for it, and a little more. */
  private static final String TERMINATE_PHASE_TIMEOUT = "pekko.coordinated-shutdown.phases.actor-system-terminate.timeout";
  /**
   * A clean stop takes about 0.1 s (the flush of what was sent is bounded at 1 s by Artery's
   * shutdown-flush-timeout); about one stop in eight never ends, and a one-command batch waited 30 s for it.
   */
  private static final Duration STOP_GRACE = Duration.ofMillis(500);

  private final ActorSystem<Void> system;
  private final DataClient data;
  private final StorkClient client;
  private final HostPort nameNodeAddress;

  private ClusterConnection(ActorSystem<Void> system, DataClient data, StorkClient client, HostPort nameNodeAddress) {
    this.system = system;
    this.data = data;
    this.client = client;
    this.nameNodeAddress = nameNodeAddress;
  }

  /**
   * Reaches the name node at {@code nameNode}, listening on {@code self} (port 0: any) for answers.
   * Fails with a message that says what to check when no name node answers within {@code timeout}.
   */
  public static ClusterConnection open(HostPort nameNode, HostPort self, Transport transport, Config operator, Duration timeout) {
    Config config = ClusterConfig.client(self, transport, operator);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), ClusterConfig.SYSTEM_NAME, config);
    DataClient data = DataSettings.fromConfig(config).client(transport.sockets());
    try {
      ActorRef<NameNodeProtocol.Command> ref = ActorRefResolver.get(system).resolveActorRef(
          ClusterConfig.address(nameNode) + NameNodeProtocol.PATH);
      StorkClient client = new StorkClient(system, ref, ChunkTransport.over(system, data), ClientSettings.fromConfig(config));
      awaitAnswer(client, timeout, "no name node answered at " + nameNode + " within " + timeout.toSeconds()
          + "s (is it running there, with the same " + (transport.secure() ? "keys" : "--insecure") + "? can it reach this shell at "
          + self.host() + "? if not, give this host's address with --host)");
      return new ClusterConnection(system, data, client, nameNode);
    } catch (RuntimeException e) {
      data.close();
      Requests.terminate(system, "the connection");
      throw e;
    }
  }

  /** Asks for the nodes until the name node answers (the first message also opens the connection). */
  private static void awaitAnswer(StorkClient client, Duration timeout, String failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        client.summary();
        return;
      } catch (StorkException e) {
        if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
          throw new StorkException(ErrorKind.UNAVAILABLE, failure, e);
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
      throw new StorkException(ErrorKind.INVALID, "cannot tell this host's address (give one with --host): " + e.getMessage(), e);
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

  /** False once this client's actor system has stopped. */
  public boolean connected() {
    return !system.whenTerminated().isCompleted();
  }

  /** Stops this client's actor system. */
  @Override
  public void close() {
    data.close();
    try {
      Requests.terminate(system, "the connection",
          system.settings().config().getDuration(TERMINATE_PHASE_TIMEOUT).plus(STOP_GRACE));
    } catch (StorkException e) {
      // Remoting's flush can outlast the wait when peers are gone, and Artery's TLS streams
      // sometimes never complete (Pekko 1.7.0; bounded in a later Pekko, apache/pekko#3317): this
      // client is gone either way.
      LoggerFactory.getLogger(ClusterConnection.class).warn("closing the connection: {}", e.getMessage());
    }
  }
}
