package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import io.stork.chaos.Chaos;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code chaos ACTION ...}: kill, restart, drop, delay, off, corrupt, monkey, status. Checks the
 * action's words and flags, then asks {@link Chaos} to do it.
 */
final class ChaosCommand {
  static final List<String> ACTIONS = List.of("kill", "restart", "drop", "delay", "off", "corrupt", "monkey", "status");
  private static final Map<String, Set<String>> FLAGS = Map.of(
      "kill", Set.of("--count"), "drop", Set.of("--to"), "delay", Set.of("--to"), "monkey", Set.of("--mttf", "--max-down"));

  private final Chaos chaos;
  private final Console console;
  private final int replication;

  ChaosCommand(Chaos chaos, Console console, int replication) {
    this.chaos = chaos;
    this.console = console;
    this.replication = replication;
  }

  void run(Invocation inv) {
    String action = inv.arg(0);
    if (action == null) {
      throw new CommandException("chaos: missing ACTION, one of " + String.join(", ", ACTIONS) + " (help chaos explains them)");
    }
    if (!ACTIONS.contains(action)) {
      throw new CommandException("chaos: unknown action '" + printable(action) + "'; "
          + DidYouMean.closest(action, ACTIONS).map(s -> "did you mean '" + s + "'?").orElse("help chaos lists them"));
    }
    for (String flag : inv.flags().keySet()) {
      if (!FLAGS.getOrDefault(action, Set.of()).contains(flag)) {
        throw new CommandException("chaos " + action + " takes no " + flag);
      }
    }
    switch (action) {
      case "kill" -> console.println(kill(inv));
      case "restart" -> console.println(chaos.restart(words(inv, 1, "chaos restart NODE").get(0)));
      case "drop" -> console.println(chaos.drop(percent(words(inv, 1, "chaos drop PERCENT [--to NODE]").get(0)), inv.flag("--to")));
      case "delay" -> {
        Duration[] range = range(words(inv, 1, "chaos delay MIN..MAX [--to NODE]").get(0));
        console.println(chaos.delay(range[0], range[1], inv.flag("--to")));
      }
      case "off" -> {
        words(inv, 0, "chaos off");
        console.println(chaos.off());
      }
      case "corrupt" -> console.println(chaos.corrupt(words(inv, 1, "chaos corrupt NAME").get(0)));
      case "monkey" -> console.println(monkey(inv));
      default -> {
        words(inv, 0, "chaos status");
        chaos.status().forEach(console::println);
      }
    }
  }

  private String kill(Invocation inv) {
    String target = words(inv, 1, "chaos kill NODE | chaos kill random [--count N]").get(0);
    if (target.equals("random")) {
      return chaos.killRandom(inv.flag("--count") == null ? 1 : positive(inv.flag("--count"), "--count"));
    }
    if (inv.flag("--count") != null) {
      throw new CommandException("--count goes with chaos kill random");
    }
    return chaos.kill(target);
  }

  private String monkey(Invocation inv) {
    List<String> words = inv.args().subList(1, inv.args().size());
    if (words.equals(List.of("stop"))) {
      if (!inv.flags().isEmpty()) {
        throw new CommandException("chaos monkey stop takes no flags");
      }
      return chaos.stopMonkey();
    }
    if (!words.isEmpty() || inv.flag("--mttf") == null) {
      throw new CommandException("usage: chaos monkey --mttf DURATION [--max-down K] | chaos monkey stop");
    }
    int maxDown = inv.flag("--max-down") == null ? replication - 1 : positive(inv.flag("--max-down"), "--max-down");
    return chaos.startMonkey(Durations.parse(inv.flag("--mttf"), "--mttf"), maxDown);
  }

  /** The action's words after its name: exactly {@code count} of them. */
  private static List<String> words(Invocation inv, int count, String usage) {
    List<String> words = inv.args().subList(1, inv.args().size());
    if (words.size() != count) {
      throw new CommandException((words.size() < count ? "missing argument" : "unexpected argument '"
          + printable(words.get(count)) + "'") + " (usage: " + usage + ")");
    }
    return words;
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

  private static int positive(String text, String flag) {
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CommandException(flag + " takes a whole number above 0, not '" + printable(text) + "'");
  }
}
