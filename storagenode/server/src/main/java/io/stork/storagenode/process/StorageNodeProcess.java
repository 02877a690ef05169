package io.stork.storagenode.process;

import com.typesafe.config.Config;
import io.stork.faults.FaultInterceptor;
import io.stork.faults.FaultPlan;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.runtime.ClusterConfig;
import io.stork.runtime.DiskDispatcher;
import io.stork.runtime.data.ChunkTransport;
import io.stork.storagenode.StorageNode;
import io.stork.storagenode.StorageNodeMetrics;
import io.stork.storagenode.StorageNodeSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node's life as a process. Each incarnation is an actor system that joins the cluster
 * (Pekko retries the join every few seconds until the name node answers). When the cluster downs
 * this node (the name node was unreachable, say, and has since restarted) the incarnation ends and
 * a new one joins again after a backoff; the chunks on disk stay and are reported on the join.
 */
final class StorageNodeProcess {
  private static final Logger log = LoggerFactory.getLogger(StorageNodeProcess.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  // An incarnation that lived this long was healthy: the next one starts with the first backoff.
  private static final Duration HEALTHY = Duration.ofMinutes(1);
  private static final Duration ABANDON_AFTER = Duration.ofSeconds(30);

  private StorageNodeProcess() {}

  /** Runs until the process is asked to stop (0) or the storage node fails (1). */
  static int run(StorageNodeSettings settings, Config config, NodeDataChannel data, FaultPlan faults, StorageNodeMetrics metrics,
                 StorageNodeHttp http) throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      long started = System.nanoTime();
      AtomicBoolean failed = new AtomicBoolean();
      Optional<CoordinatedShutdown.Reason> reason;
      try {
        ActorSystem<Void> system = ActorSystem.create(guardian(settings, faults, failed, data, metrics), ClusterConfig.SYSTEM_NAME,
            config);
        http.serving(system);
        awaitEnd(system);
        http.serving(null);
        if (failed.get()) {
          return 1;
        }
        reason = CoordinatedShutdown.get(system).getShutdownReason();
        if (reason.isEmpty() || !rejoinAfter(reason.get())) {
          return 0;
        }
      } catch (RuntimeException e) { // e.g. the port of the last incarnation is not free yet
        log.warn("storage node {} could not start: {}; trying again in {} s", settings.nodeId(), e.getMessage(), backoff.toSeconds());
        reason = Optional.empty();
      }
      if (Duration.ofNanos(System.nanoTime() - started).compareTo(HEALTHY) > 0) {
        backoff = FIRST_BACKOFF;
      }
      if (reason.isPresent()) {
        log.warn("storage node {} is out of the cluster ({}); joining again in {} s", settings.nodeId(),
            reason.get().getClass().getSimpleName().replace("$", ""), backoff.toSeconds());
      }
      Thread.sleep(backoff.toMillis());
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  /**
   * Waits until {@code system} has terminated; but once its shutdown has begun, no longer than
   * {@link #ABANDON_AFTER}: a downed system's remoting can take many minutes to stop (flushing
   * connections to peers that are gone), and the node would stay out of the cluster all that time.
   */
  private static void awaitEnd(ActorSystem<Void> system) throws InterruptedException {
    CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
    CompletableFuture<Done> stopping = new CompletableFuture<>();
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stork-notice-stopping", () -> {
      stopping.complete(Done.getInstance());
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    CompletableFuture.anyOf(terminated, stopping).join();
    try {
      terminated.get(ABANDON_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      log.warn("the last incarnation has not stopped after {} s; the next one starts beside it", ABANDON_AFTER.toSeconds());
    }
  }

  private static boolean rejoinAfter(CoordinatedShutdown.Reason reason) {
    return reason == CoordinatedShutdown.clusterDowningReason() || reason == CoordinatedShutdown.clusterJoinUnsuccessfulReason();
  }

  /**
   * The storage node, fed by the process's data channel, and its process control; if the storage
   * node stops (its disk failed), so does the process.
   */
  private static Behavior<Void> guardian(StorageNodeSettings settings, FaultPlan faults, AtomicBoolean failed, NodeDataChannel data,
                                         StorageNodeMetrics metrics) {
    return Behaviors.setup(context -> {
      ChunkTransport transport = data.transportFor(context.getSystem());
      ActorRef<StorageNodeProtocol.Command> node = context.spawn(FaultInterceptor.wrap(settings.nodeId(), faults,
          StorageNode.create(settings, transport, data.address(), metrics, data::readFrom)), "storage-node", DiskDispatcher.SELECTOR);
      data.serve(transport, node);
      context.spawn(ProcessControl.create(settings.nodeId(), faults), "process");
      context.watch(node);
      return Behaviors.receive(Void.class)
          .onSignal(Terminated.class, terminated -> {
            context.getLog().error("storage node {} stopped; the process ends", settings.nodeId());
            failed.set(true);
            return Behaviors.stopped();
          })
          .build();
    });
  }
}
