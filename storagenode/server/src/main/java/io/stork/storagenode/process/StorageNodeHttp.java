package io.stork.storagenode.process;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stork.http.HttpEndpoint;
import io.stork.http.HttpSettings;
import io.stork.http.ProcessMetrics;
import io.stork.http.ProcessRoutes;
import io.stork.http.ReadinessCheck;
import io.stork.runtime.Requests;
import io.stork.runtime.Transport;
import io.stork.storagenode.StorageNodeMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * A storage node process's HTTP endpoint ({@code /metrics}, {@code /alive}, {@code /ready}), in an
 * actor system of its own: it outlives the incarnations, as the data channel does, so that it keeps
 * one address and answers {@code /alive} (and a not-ready {@code /ready}) while the node rejoins.
 * Ready: the current incarnation is an Up member of the cluster and the name node has asked it for
 * its chunks.
 */
final class StorageNodeHttp implements AutoCloseable {
  /** The incarnation that runs now; null between two. */
  private final AtomicReference<ActorSystem<?>> incarnation = new AtomicReference<>();
  private final ActorSystem<Void> system;
  private HttpEndpoint endpoint;

  private StorageNodeHttp(ActorSystem<Void> system) {
    this.system = system;
  }

  /** Listens as {@code settings} say, or not at all when they turn it off. */
  static StorageNodeHttp start(HttpSettings settings, Config config, Transport transport, String nodeId, ProcessMetrics metrics,
                               StorageNodeMetrics nodes) {
    if (!settings.enabled()) {
      return new StorageNodeHttp(null);
    }
    // Local only, two threads at most: it serves a scraper and a health check, not the cluster.
    Config local = ConfigFactory.parseMap(Map.of("pekko.actor.provider", "local",
        "pekko.actor.default-dispatcher.fork-join-executor.parallelism-max", 2)).withFallback(config);
    StorageNodeHttp http = new StorageNodeHttp(ActorSystem.create(Behaviors.empty(), "stork-http", local));
    try {
      http.endpoint = HttpEndpoint.start(http.system, settings, transport.sslContext(),
          new ProcessRoutes(metrics, http.checks(nodeId, nodes), settings).route());
      return http;
    } catch (RuntimeException e) {
      Requests.terminate(http.system, "the HTTP endpoint");
      throw e;
    }
  }

  private List<ReadinessCheck> checks(String nodeId, StorageNodeMetrics nodes) {
    return List.of(
        ReadinessCheck.now(() -> {
          ActorSystem<?> now = incarnation.get();
          if (now == null) {
            return "no incarnation of the storage node runs (starting, or rejoining after a backoff)";
          }
          MemberStatus status = Cluster.get(now).selfMember().status();
          return status == MemberStatus.up() ? null : "not an Up member of the cluster (" + status + ")";
        }),
        ReadinessCheck.now(() -> nodes.reported(nodeId) ? null : "the name node has not asked for its chunks yet"));
  }

  /** From now on, readiness is that of the incarnation in {@code system}; null: none runs. */
  void serving(ActorSystem<?> system) {
    incarnation.set(system);
  }

  /** For the banner: where it listens, or that it is off. */
  String describe() {
    return endpoint == null ? "HTTP off" : "metrics and health on " + endpoint.url();
  }

  @Override
  public void close() {
    if (system != null) {
      if (endpoint != null) {
        endpoint.close();
      }
      Requests.terminate(system, "the HTTP endpoint");
    }
  }
}
