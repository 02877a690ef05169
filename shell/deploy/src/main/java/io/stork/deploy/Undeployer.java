package io.stork.deploy;

import io.stork.protocol.StorkException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stops what a deployment started: every process its state directory records, storage nodes first
 * (they leave the cluster cleanly while the name node still runs), then the name node; SIGTERM, and
 * SIGKILL for any still running after the timeout. A pid is signalled only while its command line is
 * still the recorded process's.
 */
public final class Undeployer {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private final Deployment deployment;
  private final PrintStream out;
  private final Duration timeout;

  public Undeployer(Deployment deployment, PrintStream out, Duration timeout) {
    this.deployment = deployment;
    this.out = out;
    this.timeout = timeout;
  }

  /** Stops every recorded process and, with {@code purge}, deletes the data; true when nothing of it is left running. */
  public boolean undeploy(boolean purge) {
    StateDir state = deployment.state();
    List<ProcessState> recorded = new ArrayList<>();
    state.ids().forEach(id -> state.read(id).ifPresent(recorded::add));
    if (recorded.isEmpty()) {
      out.println("nothing to stop: no process of " + deployment.spec().file() + " is recorded in " + state.dir());
    }
    boolean allStopped = stopAll(recorded);
    if (!allStopped) {
      out.println("some processes could not be stopped: their state stays in " + state.dir() + "; run stork-undeploy again");
      return false;
    }
    state.removeIfEmpty();
    if (purge) {
      purge();
    }
    return true;
  }

  /** Stops {@code processes}: storage nodes together, then the name node. True if every one is gone. */
  boolean stopAll(List<ProcessState> processes) {
    List<ProcessState> storageNodes = processes.stream().filter(p -> !p.id().equals(ClusterSpec.NAME_NODE_ID)).toList();
    List<ProcessState> nameNode = processes.stream().filter(p -> p.id().equals(ClusterSpec.NAME_NODE_ID)).toList();
    boolean storageNodesStopped = stopTogether(storageNodes);
    return stopTogether(nameNode) && storageNodesStopped;
  }

  private boolean stopTogether(List<ProcessState> processes) {
    if (processes.isEmpty()) {
      return true;
    }
    ExecutorService threads = Executors.newFixedThreadPool(processes.size());
    try {
      List<CompletableFuture<Optional<String>>> stops = processes.stream()
          .map(p -> CompletableFuture.supplyAsync(() -> stop(p), threads)).toList();
      boolean allStopped = true;
      for (CompletableFuture<Optional<String>> stop : stops) {
        Optional<String> failure = stop.join();
        if (failure.isPresent()) {
          out.println(failure.get());
          allStopped = false;
        }
      }
      return allStopped;
    } finally {
      threads.shutdownNow();
    }
  }

  /** Stops one process and says how it went; a failure comes back as its message. */
  private Optional<String> stop(ProcessState process) {
    try {
      Host.Stopped stopped = deployment.stop(process, timeout);
      String line = switch (stopped) {
        case TERMINATED -> "stopped " + process;
        case KILLED -> "killed " + process + ": still running " + timeout.toSeconds() + " s after SIGTERM";
        case GONE -> process + " had already exited";
        case OTHER -> process + ": that pid now runs something else, left alone";
      };
      synchronized (out) {
        out.println(line);
      }
      return Optional.empty();
    } catch (StorkException e) {
      return Optional.of("could not stop " + process + ": " + e.getMessage());
    }
  }

  private void purge() {
    for (Map.Entry<Host, List<ProcessSpec>> onHost : deployment.processesByHost().entrySet()) {
      onHost.getKey().purge(onHost.getValue());
      out.println("deleted the data of " + String.join(", ", onHost.getValue().stream().map(ProcessSpec::id).toList()) + " on "
          + onHost.getKey().name() + " (under " + deployment.spec().dataRoot() + ")");
    }
  }
}
