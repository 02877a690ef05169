package io.stork.embedded;

import io.stork.protocol.ErrorKind;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stork.client.ClientSettings;
import io.stork.client.StorkClient;
import io.stork.http.HttpEndpoint;
import io.stork.http.HttpSettings;
import io.stork.http.ProcessMetrics;
import io.stork.http.ReadinessCheck;
import io.stork.namenode.NameNodeHttp;
import io.stork.namenode.NameNodeMetrics;
import io.stork.namenode.NameNodeSettings;
import io.stork.namenode.journal.MetadataException;
import io.stork.namenode.journal.MetadataOpener;
import io.stork.protocol.NodeState;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeNames;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorkException;
import io.stork.runtime.Requests;
import io.stork.runtime.data.ChunkTransport;
import io.stork.storagenode.StorageNodeMetrics;
import io.stork.storagenode.StorageNodeSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A whole Stork cluster in one JVM: a name node and N storage nodes (sn-1 ... sn-N) in one actor
 * system, each under its own directory of {@code dataDir}. {@link #start} returns once every storage
 * node has joined or failed ({@link #nodeFailures}: a broken node directory costs only that node);
 * {@link #close} stops everything.
 */
public final class EmbeddedCluster implements AutoCloseable {
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

  /** A storage node that could not run, and why ({@code /data/sn-3 is not a directory}). */
  public record NodeFailure(String nodeId, String reason) {
    @Override
    public String toString() {
      return nodeId + ": " + reason;
    }
  }

  private final ActorSystem<EmbeddedGuardian.Command> system;
  private final Config config;
  private final Path dataDir;
  private final List<String> nodeIds;
  private final ActorRef<NameNodeProtocol.Command> nameNode;
  private final StorkClient client;
  private final Map<String, EmbeddedLayout.Labels> labels = new ConcurrentHashMap<>();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final NodeFailures failures;
  private final ProcessMetrics metrics;
  private final StorageNodeMetrics storageMetrics;
  private HttpEndpoint http;

  private EmbeddedCluster(ActorSystem<EmbeddedGuardian.Command> system, NodeFailures failures, Config config, Path dataDir,
                          List<String> nodeIds, ActorRef<NameNodeProtocol.Command> nameNode, ProcessMetrics metrics,
                          StorageNodeMetrics storageMetrics) {
    this.metrics = metrics;
    this.storageMetrics = storageMetrics;
    this.system = system;
    this.failures = failures;
    this.config = config;
    this.dataDir = dataDir;
    this.nodeIds = List.copyOf(nodeIds);
    this.nameNode = nameNode;
    this.client = new StorkClient(system, nameNode, ChunkTransport.local(system), ClientSettings.fromConfig(config));
  }

  /** Starts a cluster with the settings of {@code config} (falling back to the defaults). */
  public static EmbeddedCluster start(Path dataDir, Config config) {
    return start(dataDir, config, StorageNodeWrapper.NONE);
  }

  /** As {@link #start(Path, Config)}, with every storage node's behaviour wrapped by {@code wrapper}. */
  public static EmbeddedCluster start(Path dataDir, Config config, StorageNodeWrapper wrapper) {
    Config full = config.withFallback(ConfigFactory.load()).resolve();
    EmbeddedLayout layout = EmbeddedLayout.fromConfig(full);
    NameNodeSettings settings = NameNodeSettings.fromConfig(full, dataDir.resolve("namenode"));
    HttpSettings httpSettings = httpSettings(full);
    MetadataOpener.Opened journal = openMetadata(settings, full.getBoolean("stork.namenode.recover-journal"));
    NodeFailures failures = new NodeFailures();
    ProcessMetrics metrics = new ProcessMetrics();
    StorageNodeMetrics storageMetrics = new StorageNodeMetrics(metrics.registry());
    ActorSystem<EmbeddedGuardian.Command> system = ActorSystem.create(EmbeddedGuardian.create(wrapper, failures::failed, storageMetrics),
        "stork", full);
    try {
      NameNodeMetrics nameNodeMetrics = new NameNodeMetrics(metrics.registry());
      ActorRef<NameNodeProtocol.Command> nameNode = await(AskPattern.<EmbeddedGuardian.Command, EmbeddedGuardian.Started<NameNodeProtocol.Command>>ask(
          system, replyTo -> new EmbeddedGuardian.StartNameNode(settings, journal, nameNodeMetrics, replyTo), ASK_TIMEOUT,
          system.scheduler())).ref();
      int count = full.getInt("stork.embedded.storage-nodes");
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        ids.add("sn-" + i);
      }
      EmbeddedCluster started = new EmbeddedCluster(system, failures, full, dataDir, ids, nameNode, metrics, storageMetrics);
      if (httpSettings.enabled()) {
        started.http = startHttp(system, nameNode, settings, full, metrics, started.joined());
      }
      for (int i = 0; i < ids.size(); i++) {
        EmbeddedLayout.Labels node = layout.labels(i);
        started.startStorageNode(ids.get(i), node.zone(), node.capabilities());
      }
      started.awaitJoinedOrFailed(count, full.getDuration("stork.embedded.join-timeout"));
      return started;
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  /** An embedded cluster has no keys: its endpoint is plain HTTP, on loopback unless told otherwise. */
  private static HttpSettings httpSettings(Config config) {
    try {
      return HttpSettings.fromConfig(config).requireKeysForTls(false);
    } catch (IllegalArgumentException e) {
      throw new StorkException(ErrorKind.INVALID, e.getMessage(), e);
    }
  }

  private static HttpEndpoint startHttp(ActorSystem<?> system, ActorRef<NameNodeProtocol.Command> nameNode, NameNodeSettings settings,
                                        Config config, ProcessMetrics metrics, ReadinessCheck joined) {
    try {
      return NameNodeHttp.start(system, nameNode, settings, config, Optional.empty(), metrics, List.of(joined));
    } catch (IllegalStateException e) {
      throw new StorkException(ErrorKind.UNAVAILABLE, e.getMessage(), e);
    }
  }

  /** The name node's metadata; damage refuses the start with its one line, unless {@code recover} cuts it. */
  private static MetadataOpener.Opened openMetadata(NameNodeSettings settings, boolean recover) {
    try {
      return MetadataOpener.open(settings.metadataDirs(), settings.dataDir(), settings.checkpointEntries(), recover);
    } catch (MetadataException e) {
      throw new StorkException(ErrorKind.CORRUPT, e.getMessage(), e);
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot open the name node's metadata " + settings.metadataDirs() + ": "
          + e.getMessage(), e);
    }
  }

  public StorkClient client() {
    return client;
  }

  /** Where the dashboard, /metrics, /alive and /ready are served ({@code stork.http.port}), if they are. */
  public Optional<String> httpUrl() {
    return Optional.ofNullable(http).map(HttpEndpoint::url);
  }

  /** The metrics of this cluster (its name node, its storage nodes, the JVM), as /metrics serves them. */
  public ProcessMetrics metrics() {
    return metrics;
  }

  /** Ready when every storage node running here has reported its chunks to the name node. */
  private ReadinessCheck joined() {
    return ReadinessCheck.now(() -> {
      List<String> waiting = running.stream().filter(id -> !storageMetrics.reported(id)).sorted().toList();
      return waiting.isEmpty() ? null : "storage nodes not joined yet: " + String.join(", ", waiting);
    });
  }

  /** For tests in this package: the name node itself, to speak its protocol as a peer would. */
  ActorRef<NameNodeProtocol.Command> nameNode() {
    return nameNode;
  }

  /** For tests in this package: the scheduler to ask the name node with. */
  Scheduler scheduler() {
    return system.scheduler();
  }

  /** For tests in this package: the actor system, to make test probes in. */
  ActorSystem<?> system() {
    return system;
  }

  public List<String> nodeIds() {
    return nodeIds;
  }

  /** The storage nodes that failed (at the start, or since), each with why; empty when all run. */
  public List<NodeFailure> nodeFailures() {
    return failures.all();
  }

  public Path nodeDir(String nodeId) {
    return dataDir.resolve(NodeNames.requireValidNodeId(nodeId));
  }

  /** Starts storage node {@code nodeId} again, in its zone and with its capabilities, on its existing directory. */
  public void restartStorageNode(String nodeId) {
    EmbeddedLayout.Labels node = labels.getOrDefault(nodeId, EmbeddedLayout.Labels.NONE);
    startStorageNode(nodeId, node.zone(), node.capabilities());
  }

  /** Starts (or restarts, on its existing directory) storage node {@code nodeId}, declaring a zone and capabilities. */
  public void startStorageNode(String nodeId, String zone, List<String> capabilities) {
    StorageNodeSettings settings = StorageNodeSettings.of(nodeId, nodeDir(nodeId), zone, capabilities, config);
    failures.starting(nodeId);
    EmbeddedGuardian.Started<StorageNodeProtocol.Command> started = await(AskPattern.ask(system,
        replyTo -> new EmbeddedGuardian.StartStorageNode(settings, replyTo), ASK_TIMEOUT, system.scheduler()));
    if (started.error() != null) {
      throw new StorkException(ErrorKind.INVALID, started.error());
    }
    labels.put(nodeId, new EmbeddedLayout.Labels(zone, capabilities));
    running.add(nodeId);
  }

  /** Stops storage node {@code nodeId} as a crash would: no goodbye, its data stays on disk. */
  public void stopStorageNode(String nodeId) {
    EmbeddedGuardian.Started<StorageNodeProtocol.Command> stopped = await(AskPattern.ask(system,
        replyTo -> new EmbeddedGuardian.StopStorageNode(nodeId, replyTo), ASK_TIMEOUT, system.scheduler()));
    if (stopped.error() != null) {
      throw new StorkException(ErrorKind.INVALID, stopped.error());
    }
    running.remove(nodeId);
  }

  /** The storage nodes running in this JVM now (started, and neither stopped nor failed). */
  public Set<String> runningNodes() {
    Set<String> failed = failures.ids();
    return running.stream().filter(id -> !failed.contains(id)).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * Waits until each of the {@code count} storage nodes has joined or failed; refuses to start when
   * none runs (a store without storage nodes can do nothing), saying why each failed.
   */
  private void awaitJoinedOrFailed(int count, Duration timeout) {
    Predicate<List<NodeStatus>> settled = nodes -> nodes.stream().filter(NodeStatus::isUp).count() + failures.count() >= count;
    List<NodeStatus> nodes = client.awaitNodes(settled, timeout, Duration.ofMillis(10));
    String why = failures.count() == 0 ? "" : " (" + String.join("; ", failures.all().stream().map(NodeFailure::toString).toList()) + ")";
    if (failures.count() >= count) {
      throw new StorkException(ErrorKind.UNAVAILABLE, "no storage node could start" + why);
    }
    if (!settled.test(nodes)) {
      throw new StorkException(ErrorKind.UNAVAILABLE, "waited " + timeout.toSeconds() + "s for " + count
          + " storage nodes to join in vain" + why);
    }
  }

  /** Waits until the name node counts at least {@code count} live storage nodes. */
  public void awaitLiveNodes(int count, Duration timeout) {
    awaitNodes(nodes -> nodes.stream().filter(NodeStatus::isUp).count() >= count, timeout, count + " storage nodes to join");
  }

  /** Waits until the name node sees storage node {@code nodeId} up (or, with {@code up = false}, dead). */
  public void awaitNode(String nodeId, boolean up, Duration timeout) {
    NodeState state = up ? NodeState.UP : NodeState.DEAD;
    awaitNodes(nodes -> nodes.stream().anyMatch(n -> n.id().equals(nodeId) && n.state() == state),
        timeout, nodeId + (up ? " to join" : " to be seen dead"));
  }

  private void awaitNodes(Predicate<List<NodeStatus>> reached, Duration timeout, String what) {
    if (!reached.test(client.awaitNodes(reached, timeout, Duration.ofMillis(10)))) {
      throw new StorkException(ErrorKind.UNAVAILABLE, "waited " + timeout.toSeconds() + "s for " + what + " in vain");
    }
  }


  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
    Requests.terminate(system, "the embedded cluster");
  }

  private static <T> T await(CompletionStage<T> stage) {
    return Requests.await(stage, "the embedded cluster", ASK_TIMEOUT);
  }
}
