package io.stork.namenode;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stork.http.ProcessMetrics;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeState;
import io.stork.protocol.NodeStatus;
import io.stork.runtime.Requests;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToDoubleFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;

/**
 * The name node's state as gauges, asked for before each scrape with the name node's own status
 * questions ({@code GetSummary}, {@code GetNodes}), so that the actors keep sole ownership of it:
 * artifacts, chunks and bytes; chunks under-replicated and unavailable; the repair queue, copies
 * running and copied (counters: rates come from {@code rate()}); leases open; nodes by state.
 */
final class NameNodeGauges {
  /** A gauge read from the summary. */
  private record FromSummary(String name, String help, ToDoubleFunction<ClusterSummary> value) {}

  private static final List<FromSummary> SUMMARY_GAUGES = List.of(
      new FromSummary("stork_namenode_artifacts", "Artifacts (current versions)", ClusterSummary::artifacts),
      new FromSummary("stork_namenode_stored_bytes", "Bytes of the current versions (each counted once, not per replica)",
          ClusterSummary::bytes),
      new FromSummary("stork_namenode_chunks", "Chunks of the current versions", ClusterSummary::chunks),
      new FromSummary("stork_namenode_chunks_under_replicated", "Chunks with fewer live replicas than the replication",
          ClusterSummary::underReplicatedChunks),
      new FromSummary("stork_namenode_under_replicated_bytes", "Bytes of the under-replicated chunks",
          ClusterSummary::underReplicatedBytes),
      new FromSummary("stork_namenode_chunks_unavailable", "Chunks with no live replica at all", ClusterSummary::unavailableChunks),
      new FromSummary("stork_namenode_repair_queue_chunks", "Under-replicated chunks waiting for a copy (none running)",
          ClusterSummary::repairsWaiting),
      new FromSummary("stork_namenode_repair_copies_running", "Repair copies in flight, storage node to storage node",
          ClusterSummary::copiesInFlight),
      new FromSummary("stork_namenode_leases_open", "Uploads in progress: leases held, or commits in the journal's hands",
          ClusterSummary::uploadsInProgress),
      new FromSummary("stork_namenode_replication", "The replication factor", ClusterSummary::replication));

  private final Requests requests;
  private final ActorRef<NameNodeProtocol.Command> nameNode;
  private final Duration timeout;
  private volatile ClusterSummary summary;
  private volatile List<NodeStatus> nodes = List.of();
  private volatile boolean answered;

  private NameNodeGauges(Scheduler scheduler, ActorRef<NameNodeProtocol.Command> nameNode, Duration timeout) {
    this.requests = new Requests(scheduler);
    this.nameNode = nameNode;
    this.timeout = timeout;
  }

  /** Registers the gauges of {@code nameNode} in {@code metrics}, and their questions before every scrape. */
  static void register(ProcessMetrics metrics, ActorRef<NameNodeProtocol.Command> nameNode, Scheduler scheduler, Duration timeout) {
    NameNodeGauges gauges = new NameNodeGauges(scheduler, nameNode, timeout);
    PrometheusRegistry registry = metrics.registry();
    SUMMARY_GAUGES.forEach(gauge -> gauges.fromSummary(registry, gauge));
    CounterWithCallback.builder().name("stork_namenode_repair_copied_chunks").help("Replicas restored by repair copies")
        .callback(callback -> gauges.withSummary(s -> callback.call(s.chunksRepaired()))).register(registry);
    CounterWithCallback.builder().name("stork_namenode_repair_copied_bytes").help("Bytes restored by repair copies")
        .callback(callback -> gauges.withSummary(s -> callback.call(s.bytesRepaired()))).register(registry);
    GaugeWithCallback.builder().name("stork_namenode_nodes").help("Storage nodes the name node knows, by state").labelNames("state")
        .callback(callback -> {
          for (NodeState state : NodeState.values()) {
            callback.call(gauges.nodes.stream().filter(node -> node.state() == state).count(), state.label());
          }
        }).register(registry);
    GaugeWithCallback.builder().name("stork_namenode_answering").help("1 when the name node answered the scrape's questions in time")
        .callback(callback -> callback.call(gauges.answered ? 1 : 0)).register(registry);
    metrics.beforeScrape(gauges::fetch);
  }

  private CompletableFuture<Void> fetch() {
    answered = false;
    CompletableFuture<ClusterSummary> summaryAsked = requests.ask(nameNode, NameNodeProtocol.GetSummary::new, timeout);
    CompletableFuture<NameNodeProtocol.Nodes> nodesAsked = requests.ask(nameNode, NameNodeProtocol.GetNodes::new, timeout);
    return summaryAsked.thenAcceptBoth(nodesAsked, (s, n) -> {
      summary = s;
      nodes = n.nodes();
      answered = true;
    });
  }

  private void withSummary(java.util.function.Consumer<ClusterSummary> use) {
    ClusterSummary now = summary;
    if (now != null) { // nothing to tell before the first answer
      use.accept(now);
    }
  }

  private void fromSummary(PrometheusRegistry registry, FromSummary gauge) {
    GaugeWithCallback.builder().name(gauge.name()).help(gauge.help())
        .callback(callback -> withSummary(s -> callback.call(gauge.value().applyAsDouble(s)))).register(registry);
  }
}
