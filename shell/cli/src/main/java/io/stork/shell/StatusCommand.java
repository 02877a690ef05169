package io.stork.shell;

import io.stork.protocol.ClusterSummary;
import io.stork.protocol.NodeStatus;
import java.time.Duration;
import java.util.List;
import org.jline.utils.AttributedString;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", header = "the health of the store: nodes, data, repair with its rate and ETA",
    customSynopsis = "status [--watch [--interval DURATION] [--count N]]",
    description = "Health (healthy, degraded or unavailable) and why; the nodes up; what is stored; the chunks and bytes "
        + "under-replicated, as counts and percentages, and the repair's pace and time left. The name node reports totals; "
        + "rates are computed here from successive answers, so a single status samples twice, a second apart, while a repair "
        + "runs. --watch shows it again every DURATION (default 2s) until Ctrl-C, or N times.")
final class StatusCommand implements ShellCommand {
  @Option(names = "--watch", description = "show it again and again, every --interval")
  boolean watch;

  @Option(names = "--interval", paramLabel = "DURATION", description = "with --watch: how often (default 2s)")
  String interval;

  @Option(names = "--count", paramLabel = "N", description = "with --watch: stop after N times")
  String count;

  @Mixin
  Common common;

  @Override
  public void run(Session session, Output out) {
    if (!watch && (interval != null || count != null)) {
      throw new CommandException((interval != null ? "--interval" : "--count") + " goes with --watch");
    }
    Duration every = interval == null ? Duration.ofSeconds(2) : Durations.parse(interval, "--interval");
    int times = count == null ? Integer.MAX_VALUE : Numbers.positive(count, "--count");
    RepairRate rate = new RepairRate();
    ClusterSummary summary = sample(session, rate);
    if (!watch && (summary.underReplicatedChunks() > 0 || summary.copiesInFlight() > 0)) {
      Sleeps.sleep(Duration.ofSeconds(1)); // a repair runs: a second sample gives its pace
      summary = sample(session, rate);
    }
    for (int shown = 1; ; shown++) {
      List<NodeStatus> nodes = session.client().nodes();
      if (out.json()) {
        out.console().json(HealthView.json(summary, nodes, rate));
      } else {
        show(session.console(), HealthView.lines(summary, nodes, rate), shown);
      }
      session.console().flush();
      if (!watch || shown >= times) {
        return;
      }
      if (!Sleeps.sleepUntilInterrupted(every)) {
        return; // Ctrl-C ends a watch: that is how it is left
      }
      summary = sample(session, rate);
    }
  }

  private static ClusterSummary sample(Session session, RepairRate rate) {
    ClusterSummary summary = session.client().summary();
    rate.add(summary, System.nanoTime());
    return summary;
  }

  /** On a terminal a watch redraws the screen, as watch(1) does; elsewhere each sample follows the last. */
  private void show(Console console, List<AttributedString> lines, int shown) {
    if (watch && console.interactive() && console.styled()) {
      console.println("\u001b[H\u001b[2J" + "every " + Durations.format(interval == null
          ? Duration.ofSeconds(2) : Durations.parse(interval, "--interval")) + ", Ctrl-C to stop");
    } else if (shown > 1) {
      console.println("");
    }
    lines.forEach(console::println);
  }
}
