package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import io.stork.chaos.Chaos;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chaos ACTION ...}: each action a command of its own, so that its usage, flags and completion are its own. */
@Command(name = "chaos", header = "kill nodes, disturb messages, damage replicas",
    subcommands = {ChaosCommand.Kill.class, ChaosCommand.Restart.class, ChaosCommand.Drop.class, ChaosCommand.Delay.class,
        ChaosCommand.Off.class, ChaosCommand.Corrupt.class, ChaosCommand.Monkey.class, ChaosCommand.Status.class},
    description = "Faults to watch the store heal. kill stops a storage node as a crash would (its data stays on disk); "
        + "restart brings it back on its data, and it reports its chunks. drop loses PERCENT of the messages to storage nodes "
        + "(or to NODE), delay holds each for a time in MIN..MAX (250ms..1s); off ends both. corrupt flips a byte in one "
        + "replica of NAME on disk. monkey kills a random node every 0.25 to 1.75 times DURATION and restarts it a little "
        + "later, never more than K down (default: replication - 1); monkey stop ends it and restarts its victims. status "
        + "shows what is active. Events (a node dead, the store healed) appear at the prompt as they happen. Connected to a "
        + "multi-process cluster, kill ends the node's process (exit status 137, as SIGKILL), and restart and corrupt work "
        + "for nodes of the deployment given with --spec.")
final class ChaosCommand {
  @Mixin
  ShellCommand.Common common;

  /** An action: what it did, one line, as text or as {"command":"chaos","action":...,"message":...}. */
  abstract static class Action implements ShellCommand {
    @Mixin
    Common common;

    abstract String act(Chaos chaos, Session session);

    @Override
    public void run(Session session, Output out) {
      String message = act(session.backend().chaos(), session);
      Map<String, Object> json = Json.result("chaos");
      json.put("action", getClass().getAnnotation(Command.class).name());
      json.put("message", message);
      out.result(json, message);
    }
  }

  @Command(name = "kill", header = "crash a storage node (its data stays)", customSynopsis = {"chaos kill NODE",
      "chaos kill random [--count N]"}, description = "Stops NODE as a crash would, or N random live nodes.")
  static final class Kill extends Action {
    @Parameters(index = "0", paramLabel = "NODE", description = "a storage node, or random", completionCandidates = NodesOrRandom.class)
    String node;

    @Option(names = "--count", paramLabel = "N", description = "with random: how many nodes (default 1)")
    String count;

    @Override
    String act(Chaos chaos, Session session) {
      if (node.equals("random")) {
        return chaos.killRandom(count == null ? 1 : Numbers.positive(count, "--count"));
      }
      if (count != null) {
        throw new CommandException("--count goes with chaos kill random");
      }
      return chaos.kill(node);
    }
  }

  @Command(name = "restart", header = "bring a killed node back", customSynopsis = "chaos restart NODE",
      description = "Starts NODE again on its data; it reports its chunks.")
  static final class Restart extends Action {
    @Parameters(index = "0", paramLabel = "NODE", description = "a killed storage node", completionCandidates = Nodes.class)
    String node;

    @Override
    String act(Chaos chaos, Session session) {
      return chaos.restart(node);
    }
  }

  /** A disturbance of the messages to every storage node, or to the one {@code --to} names. */
  abstract static class ToNode extends Action {
    @Option(names = "--to", paramLabel = "NODE", description = "only messages to this node", completionCandidates = Nodes.class)
    String to;
  }

  @Command(name = "drop", header = "lose messages to storage nodes", customSynopsis = "chaos drop PERCENT [--to NODE]",
      description = "Loses PERCENT (0 to 100) of the messages to every storage node, or to NODE.")
  static final class Drop extends ToNode {
    @Parameters(index = "0", paramLabel = "PERCENT", description = "0 to 100, % optional")
    String percent;

    @Override
    String act(Chaos chaos, Session session) {
      return chaos.drop(percent(percent), to);
    }
  }

  @Command(name = "delay", header = "hold messages to storage nodes", customSynopsis = "chaos delay MIN..MAX [--to NODE]",
      description = "Holds each message to a storage node (or to NODE) for a time from MIN to MAX (250ms..1s), or exactly MIN.")
  static final class Delay extends ToNode {
    @Parameters(index = "0", paramLabel = "MIN..MAX", description = "a range of durations, or one")
    String range;

    @Override
    String act(Chaos chaos, Session session) {
      Duration[] bounds = range(range);
      return chaos.delay(bounds[0], bounds[1], to);
    }
  }

  @Command(name = "off", header = "end drops and delays", customSynopsis = "chaos off", description = "Messages flow normally again.")
  static final class Off extends Action {
    @Override
    String act(Chaos chaos, Session session) {
      return chaos.off();
    }
  }

  @Command(name = "corrupt", header = "flip a byte in one replica of an artifact", customSynopsis = "chaos corrupt NAME",
      description = "Flips a byte of one replica of a chunk of NAME on disk: reads and the scrubber find it, and it is replaced.")
  static final class Corrupt extends Action {
    @Mixin
    ArtifactName artifact;

    @Override
    String act(Chaos chaos, Session session) {
      return chaos.corrupt(Names.checked(artifact.name));
    }
  }

  @Command(name = "monkey", header = "random kills and restarts", customSynopsis = {"chaos monkey --mttf DURATION [--max-down K]",
      "chaos monkey stop"}, description = "Kills a random node every 0.25 to 1.75 times DURATION and restarts it a little later, "
      + "never more than K down (default: replication - 1). stop ends it and restarts its victims.")
  static final class Monkey extends Action {
    @Parameters(index = "0", arity = "0..1", paramLabel = "stop", description = "end the monkey", completionCandidates = Stop.class)
    String stop;

    @Option(names = "--mttf", paramLabel = "DURATION", description = "mean time to failure")
    String mttf;

    @Option(names = "--max-down", paramLabel = "K", description = "at most K nodes down at once")
    String maxDown;

    @Override
    String act(Chaos chaos, Session session) {
      if ("stop".equals(stop)) {
        if (mttf != null || maxDown != null) {
          throw new CommandException("chaos monkey stop takes no flags");
        }
        return chaos.stopMonkey();
      }
      if (stop != null || mttf == null) {
        throw new CommandException("usage: chaos monkey --mttf DURATION [--max-down K] | chaos monkey stop");
      }
      int down = maxDown == null ? session.client().summary().replication() - 1 : Numbers.positive(maxDown, "--max-down");
      return chaos.startMonkey(Durations.parse(mttf, "--mttf"), down);
    }
  }

  /** The one word after chaos monkey. */
  static final class Stop extends ShellCommand.Candidates {
    @Override
    List<String> words() {
      return List.of("stop");
    }
  }

  @Command(name = "status", header = "what chaos is doing", customSynopsis = "chaos status",
      description = "The monkey, the drops and delays, and the nodes down.")
  static final class Status implements ShellCommand {
    @Mixin
    Common common;

    @Override
    public void run(Session session, Output out) {
      List<String> lines = session.backend().chaos().status();
      Map<String, Object> json = Json.result("chaos");
      json.put("action", "status");
      json.put("lines", lines);
      out.result(json, String.join("\n", lines));
    }
  }

  static double percent(String text) {
    String number = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
    try {
      double percent = Double.parseDouble(number);
      if (percent >= 0 && percent <= 100 && number.matches("[0-9.]+")) {
        return percent;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CommandException("chaos drop: '" + printable(text) + "' is not a percentage from 0 to 100");
  }

  /** {@code MIN..MAX}, or one duration for a fixed delay. */
  static Duration[] range(String text) {
    int dots = text.indexOf("..");
    Duration min = Durations.parse(dots < 0 ? text : text.substring(0, dots), "chaos delay");
    Duration max = dots < 0 ? min : Durations.parse(text.substring(dots + 2), "chaos delay");
    if (max.compareTo(min) < 0) {
      throw new CommandException("chaos delay: MIN must not be above MAX in MIN..MAX");
    }
    return new Duration[] {min, max};
  }
}
