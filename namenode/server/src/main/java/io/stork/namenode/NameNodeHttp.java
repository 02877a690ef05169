package io.stork.namenode;

import static org.apache.pekko.http.javadsl.server.Directives.concat;

import com.typesafe.config.Config;
import io.stork.dashboard.Dashboard;
import io.stork.dashboard.DashboardSettings;
import io.stork.http.HttpEndpoint;
import io.stork.http.HttpSettings;
import io.stork.http.ProcessMetrics;
import io.stork.http.ProcessRoutes;
import io.stork.http.ReadinessCheck;
import io.stork.protocol.NameNodeProtocol;
import io.stork.runtime.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The name node's HTTP endpoint: the process's {@code /metrics} with the name node's gauges,
 * {@code /alive}, {@code /ready} (the name node answers, so its journal is replayed, and its
 * start-up grace is over, with any checks of the caller's, e.g. cluster membership), and the
 * dashboard. Served by the name node process and by the embedded cluster.
 */
public final class NameNodeHttp {
  private NameNodeHttp() {}

  /**
   * Starts listening on {@code system}, for the name node {@code nameNode} started just now.
   *
   * @throws IllegalStateException when it cannot listen
   */
  public static HttpEndpoint start(ActorSystem<?> system, ActorRef<NameNodeProtocol.Command> nameNode, NameNodeSettings settings,
                                   Config config, Optional<SSLContext> tls, ProcessMetrics metrics, List<ReadinessCheck> more) {
    HttpSettings http = HttpSettings.fromConfig(config);
    NameNodeGauges.register(metrics, nameNode, system.scheduler(), http.scrapeTimeout());
    List<ReadinessCheck> checks = new ArrayList<>(more);
    checks.add(answering(system, nameNode, http));
    checks.add(graceOver(settings, System.nanoTime()));
    Dashboard dashboard = new Dashboard(system, nameNode, DashboardSettings.fromConfig(config), http);
    return HttpEndpoint.start(system, http, tls, concat(new ProcessRoutes(metrics, checks, http).route(), dashboard.route()));
  }

  /** It answers a status question: its journal is replayed (it replays before it takes any message). */
  private static ReadinessCheck answering(ActorSystem<?> system, ActorRef<NameNodeProtocol.Command> nameNode, HttpSettings http) {
    Requests requests = new Requests(system.scheduler());
    return () -> requests.ask(nameNode, NameNodeProtocol.GetSummary::new, http.scrapeTimeout())
        .handle((summary, failure) -> failure == null ? null : "the name node does not answer (" + failure.getMessage() + ")");
  }

  /** Repairs wait for storage nodes to report after a start: until then the replica counts are not the truth. */
  private static ReadinessCheck graceOver(NameNodeSettings settings, long startedNanos) {
    return ReadinessCheck.now(() -> {
      long left = settings.repairStartupGrace().toNanos() - (System.nanoTime() - startedNanos);
      return left <= 0 ? null : String.format("in its start-up grace for %.1f s more (storage nodes report their chunks; repairs wait)",
          left / 1e9);
    });
  }
}
