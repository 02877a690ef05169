package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import io.stork.runtime.CommandLines;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command table: every command of the shell, in the order {@code help} lists them, each a
 * class whose annotations describe it. Parsing, completion and help all start here.
 */
final class Commands {
  /** The root that holds the commands; it is never typed. */
  @Command(name = "stork", subcommands = {UploadCommand.class, UpdateCommand.class, GetCommand.class, DeleteCommand.class,
      ListCommand.class, StatCommand.class, StatusCommand.class, EventsCommand.class, WaitCommand.class, RepairCommand.class, SafeModeCommand.class, RecoverCommand.class,
      ChaosCommand.class,
      SourceCommand.class, HistoryCommand.class, TimingCommand.class, HelpCommand.class, ExitCommand.class})
  static final class Root {}

  private Commands() {}

  /** A fresh command table: one per parse, so that no option value outlives its command. */
  static CommandLine root() {
    return CommandLines.of(new Root());
  }

  /** Every command, once each (not its aliases), in the table's order. */
  static List<CommandLine> all() {
    return distinct(root());
  }

  /** The subcommands of {@code line}, once each, in order. */
  static List<CommandLine> distinct(CommandLine line) {
    List<CommandLine> commands = new ArrayList<>();
    line.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommandName().equals(name)) {
        commands.add(sub);
      }
    });
    return commands;
  }

  /** Every word that names a command, aliases included: what suggestions and completion offer. */
  static List<String> words() {
    return new ArrayList<>(root().getSubcommands().keySet());
  }

  /** The error for a word that names no command, with the nearest one (aliases count) when there is one. */
  static CommandException unknown(String word) {
    return new CommandException("unknown command '" + printable(word) + "'; "
        + DidYouMean.closest(word, words()).map(s -> "did you mean '" + s + "'?").orElse("type help to list the commands"));
  }

  /** The command as typed, without the root: {@code get}, {@code chaos kill}. */
  static String path(CommandLine line) {
    List<String> names = new ArrayList<>();
    for (CommandLine at = line; at != null && at.getParent() != null; at = at.getParent()) {
      names.add(0, at.getCommandName());
    }
    return String.join(" ", names);
  }

  /** The usage lines of a command: those it declares, or those of its actions. */
  static List<String> usage(CommandLine line) {
    String[] declared = line.getCommandSpec().usageMessage().customSynopsis();
    if (declared.length > 0) {
      return List.of(declared);
    }
    List<String> lines = new ArrayList<>();
    distinct(line).forEach(sub -> lines.addAll(usage(sub)));
    return lines;
  }

  /** The usage in one line, for error messages: {@code upload NAME CONTENT... | upload NAME --file PATH}. */
  static String usageLine(CommandLine line) {
    return String.join(" | ", usage(line));
  }

  /** The one-line summary of a command. */
  static String summary(CommandLine line) {
    String[] header = line.getCommandSpec().usageMessage().header();
    return header.length == 0 ? "" : header[0];
  }
}
