package io.stork.chaos;

import io.stork.client.ClusterConnection;
import io.stork.client.StorkClient;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.FaultRules;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.ProcessControlProtocol;
import io.stork.protocol.StorkException;
import io.stork.runtime.ClusterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

/**
 * Chaos in a multi-process cluster. A kill asks the node's process to end itself as a crash would
 * ({@link ProcessControlProtocol}); a restart, and a damaged replica, need to know how and where the node
 * was started, which only a {@link Launcher} (the local deployment) knows.
 */
public final class RemoteTarget implements ChaosTarget {
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

  /** Starts nodes of a deployment again, and knows their data directories. */
  public interface Launcher {
    Set<String> nodeIds();

    /** Starts the process of {@code nodeId} (which is not running) on its data directory. */
    void start(String nodeId);

    /** The node's data directory, if this host can reach it. */
    Path dataDir(String nodeId);
  }

  private final ClusterConnection connection;
  private final Launcher launcher;

  /** @param launcher null when the cluster was not started by a deployment this shell knows */
  public RemoteTarget(ClusterConnection connection, Launcher launcher) {
    this.connection = connection;
    this.launcher = launcher;
  }

  @Override
  public StorkClient client() {
    return connection.client();
  }

  @Override
  public List<String> nodeIds() {
    Set<String> ids = new TreeSet<>(launcher == null ? Set.of() : launcher.nodeIds());
    client().nodes().forEach(node -> ids.add(node.id()));
    return List.copyOf(ids);
  }

  @Override
  public Set<String> runningNodes() {
    return client().nodes().stream().filter(NodeStatus::isUp).map(NodeStatus::id).collect(Collectors.toSet());
  }

  @Override
  public void crash(String nodeId) {
    this.<ProcessControlProtocol.Crashing>ask(nodeId, "the kill", replyTo -> new ProcessControlProtocol.Crash(nodeId, replyTo));
  }

  /** Every running storage node process gets the new rules (a node that cannot be told is named). */
  @Override
  public void faultsChanged(FaultRules rules) {
    for (String nodeId : new TreeSet<>(runningNodes())) {
      this.<ProcessControlProtocol.FaultsSet>ask(nodeId, "the new drops and delays",
          replyTo -> new ProcessControlProtocol.SetFaults(rules, replyTo));
    }
  }

  /** Asks the process control of {@code nodeId}'s process, at its path beside the storage node the name node knows. */
  private <A> A ask(String nodeId, String what, Function<ActorRef<A>, ProcessControlProtocol.Command> request) {
    String address = client().nodes().stream().filter(node -> node.id().equals(nodeId)).map(NodeStatus::address)
        .filter(known -> !known.isEmpty()).findFirst()
        .orElseThrow(() -> new StorkException(ErrorKind.NOT_FOUND, "the name node knows no process of " + nodeId));
    ActorRef<ProcessControlProtocol.Command> control = ActorRefResolver.get(connection.system())
        .resolveActorRef("pekko://" + ClusterConfig.SYSTEM_NAME + "@" + address + ProcessControlProtocol.PATH);
    try {
      return AskPattern.ask(control, request, ANSWER_WITHIN, connection.system().scheduler()).toCompletableFuture()
          .get(ANSWER_WITHIN.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorkException(ErrorKind.CANCELLED, "cancelled");
    } catch (ExecutionException | TimeoutException e) {
      throw new StorkException(ErrorKind.UNAVAILABLE, "the process of " + nodeId + " did not take " + what + " within " + ANSWER_WITHIN.toSeconds() + "s");
    }
  }

  @Override
  public void restart(String nodeId) {
    requireLauncher(nodeId, "restart").start(nodeId);
  }

  @Override
  public Path nodeDir(String nodeId) {
    return requireLauncher(nodeId, "reach the data of").dataDir(nodeId);
  }

  private Launcher requireLauncher(String nodeId, String what) {
    if (launcher == null || !launcher.nodeIds().contains(nodeId)) {
      throw new StorkException(ErrorKind.INVALID, "this shell cannot " + what + " " + nodeId + ": it was not started by a deployment this shell "
          + "knows (connect with --spec SPEC, or start it with scripts/stork-storagenode)");
    }
    return launcher;
  }
}
