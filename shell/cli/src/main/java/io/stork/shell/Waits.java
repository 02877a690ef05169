package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import io.stork.client.StorkClient;
import io.stork.protocol.ClusterSummary;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * {@code wait healed} and {@code wait nodes N}: block until the cluster gets there, for scripts
 * and demos. Ctrl-C cancels; a timeout is a failure (exit status 1 in a batch).
 */
final class Waits {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(50);

  private final StorkClient client;
  private final Console console;

  Waits(StorkClient client, Console console) {
    this.client = client;
    this.console = console;
  }

  void run(Invocation inv) {
    String what = inv.arg(0);
    Duration timeout = inv.flag("--timeout") == null ? DEFAULT_TIMEOUT : Durations.parse(inv.flag("--timeout"), "--timeout");
    if ("healed".equals(what)) {
      if (inv.arg(1) != null) {
        throw new CommandException("wait healed: unexpected argument '" + printable(inv.arg(1)) + "'");
      }
      ClusterSummary status = until(ClusterSummary::healed, timeout, "healed");
      console.println("healed: every chunk has " + status.replication() + " live replicas");
    } else if ("nodes".equals(what)) {
      int wanted = count(inv.arg(1));
      ClusterSummary status = until(s -> s.nodesUp() >= wanted, timeout, wanted + " storage nodes up");
      console.println(status.nodesUp() + " storage nodes up");
    } else {
      throw new CommandException("usage: wait healed [--timeout DURATION] | wait nodes N [--timeout DURATION]");
    }
  }

  private ClusterSummary until(Predicate<ClusterSummary> done, Duration timeout, String goal) {
    ClusterSummary status = client.awaitSummary(done, timeout, POLL);
    if (!done.test(status)) {
      throw new CommandException("wait: not " + goal + " after " + Durations.format(timeout) + " ("
          + status.underReplicatedChunks() + " chunks under-replicated, " + status.unavailableChunks() + " unavailable, "
          + status.nodesUp() + " of " + status.nodesTotal() + " nodes up)");
    }
    return status;
  }

  private static int count(String text) {
    try {
      int count = Integer.parseInt(text == null ? "" : text);
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CommandException("wait nodes: N must be a whole number, not '" + printable(text) + "'");
  }
}
