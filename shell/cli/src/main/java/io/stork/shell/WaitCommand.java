package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import io.stork.protocol.ClusterSummary;
import io.stork.protocol.ErrorKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "wait", header = "wait until the store is healed, or nodes are up",
    customSynopsis = {"wait healed [--timeout DURATION]", "wait nodes N [--timeout DURATION]"},
    description = "Blocks until every chunk has its replicas on live nodes (healed), or until N storage nodes are up. On a "
        + "terminal it shows what is left, the repair's pace and the time to go. Fails after DURATION (default 60s); Ctrl-C "
        + "cancels. For scripts and demos.")
final class WaitCommand implements ShellCommand {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration REDRAW = Duration.ofMillis(250);

  @Parameters(index = "0", paramLabel = "healed|nodes", description = "what to wait for", completionCandidates = Goals.class)
  String goal;

  @Parameters(index = "1", arity = "0..1", paramLabel = "N", description = "with nodes: how many")
  String count;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "give up after this long (default 60s)")
  String timeout;

  @Mixin
  Common common;

  /** The goals of wait. */
  static final class Goals extends Candidates {
    @Override
    List<String> words() {
      return List.of("healed", "nodes");
    }
  }

  @Override
  public void run(Session session, Output out) {
    Duration limit = timeout == null ? DEFAULT_TIMEOUT : Durations.parse(timeout, "--timeout");
    long start = System.nanoTime();
    Map<String, Object> json = Json.result("wait");
    json.put("goal", goal);
    if ("healed".equals(goal)) {
      if (count != null) {
        throw new CommandException("wait healed: unexpected argument '" + printable(count) + "'");
      }
      ClusterSummary status = until(session, ClusterSummary::healed, limit, "healed");
      json.put("elapsedMillis", (System.nanoTime() - start) / 1_000_000);
      // Off a terminal the line is the same every run (the README promises it of the demos); on one, it says how long.
      String took = session.console().interactive() ? " in " + Durations.format(Duration.ofNanos(System.nanoTime() - start)) : "";
      out.result(json, "healed" + took + ": every chunk has " + status.replication() + " live replicas");
    } else if ("nodes".equals(goal)) {
      int wanted = nodes(count);
      json.put("nodes", wanted);
      ClusterSummary status = until(session, s -> s.nodesUp() >= wanted, limit, wanted + " storage nodes up");
      json.put("elapsedMillis", (System.nanoTime() - start) / 1_000_000);
      out.result(json, status.nodesUp() + " storage nodes up");
    } else {
      throw new CommandException("usage: wait healed [--timeout DURATION] | wait nodes N [--timeout DURATION]");
    }
  }

  /** Polls until {@code done}; on a terminal, a line redrawn in place says what is left. */
  private ClusterSummary until(Session session, Predicate<ClusterSummary> done, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    RepairRate rate = new RepairRate();
    long lastDraw = 0;
    try (ProgressBar line = session.console().progress("waiting: ")) {
      while (true) {
        ClusterSummary status = session.client().summary();
        long now = System.nanoTime();
        rate.add(status, now);
        if (done.test(status)) {
          return status;
        }
        if (now > deadline) {
          throw new CommandException(ErrorKind.UNAVAILABLE, "wait: not " + what + " after " + Durations.format(limit) + " ("
              + status.underReplicatedChunks() + " chunks under-replicated, " + status.unavailableChunks() + " unavailable, "
              + status.nodesUp() + " of " + status.nodesTotal() + " nodes up)");
        }
        if (now - lastDraw > REDRAW.toNanos()) {
          line.note(what.equals("healed") ? HealthView.progress(status, rate)
              : status.nodesUp() + " of " + status.nodesTotal() + " nodes up, " + what.replace(" storage nodes up", "") + " wanted");
          lastDraw = now;
        }
        Sleeps.sleep(POLL);
      }
    }
  }

  private static int nodes(String text) {
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
