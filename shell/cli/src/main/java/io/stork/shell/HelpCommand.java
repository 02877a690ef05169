package io.stork.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

@Command(name = "help", header = "list the commands, or explain one", customSynopsis = "help [COMMAND [ACTION]]",
    description = "Lists the commands, or shows the usage, the description and the flags of COMMAND (COMMAND --help does too). "
        + "Every command also takes --json.")
final class HelpCommand implements ShellCommand {
  /** Off a terminal, help is wrapped to this many columns. */
  static final int WIDTH = 80;

  @Parameters(arity = "0..2", paramLabel = "COMMAND", description = "a command (and a chaos action)",
      completionCandidates = CommandNames.class)
  List<String> words = new ArrayList<>();

  @Mixin
  Common common;

  @Override
  public void run(Session session, Output out) {
    int width = session.console().width() > 0 ? session.console().width() : WIDTH;
    if (words.isEmpty()) {
      Map<String, Object> json = Json.result("help");
      json.put("commands", Commands.all().stream().map(HelpCommand::entry).toList());
      out.result(json, overview(width));
      return;
    }
    CommandLine line = Commands.root();
    for (String word : words) {
      CommandLine sub = line.getSubcommands().get(word);
      if (sub == null) {
        throw line.getParent() == null ? Commands.unknown(word) : new CommandException("help: " + Commands.path(line)
            + " has no action '" + io.stork.protocol.ArtifactNames.printable(word) + "'");
      }
      line = sub;
    }
    Map<String, Object> json = entry(line);
    json.put("command", "help");
    json.put("description", String.join(" ", line.getCommandSpec().usageMessage().description()));
    json.put("options", line.getCommandSpec().options().stream().map(HelpCommand::option).toList());
    out.result(json, explain(line, width));
  }

  /** The usage, description and flags of one command, wrapped to {@code width}. */
  static List<AttributedString> explain(CommandLine line, int width) {
    List<AttributedString> lines = new ArrayList<>();
    lines.add(new AttributedString("usage: " + String.join("\n       ", Commands.usage(line))));
    List<String> aliases = List.of(line.getCommandSpec().aliases());
    if (!aliases.isEmpty()) {
      lines.add(new AttributedString("also:  " + String.join(", ", aliases)));
    }
    lines.add(AttributedString.EMPTY);
    Text.wrap(String.join(" ", line.getCommandSpec().usageMessage().description()), width, "").forEach(l -> lines.add(
        new AttributedString(l)));
    if (!line.getSubcommands().isEmpty()) {
      lines.add(AttributedString.EMPTY);
      lines.add(new AttributedString("actions:", AttributedStyle.BOLD));
      Commands.distinct(line).forEach(sub -> lines.addAll(item(sub.getCommandName(), Commands.summary(sub), width)));
    }
    lines.add(AttributedString.EMPTY);
    lines.add(new AttributedString("flags:", AttributedStyle.BOLD));
    for (OptionSpec option : line.getCommandSpec().options()) {
      String names = String.join(", ", option.names()) + (option.arity().max() > 0 ? " " + option.paramLabel() : "");
      lines.addAll(item(names, String.join(" ", option.description()), width));
    }
    return lines;
  }

  /** {@code   --out PATH        write the content to PATH}, the description wrapped under itself. */
  private static List<AttributedString> item(String name, String description, int width) {
    int column = 22;
    List<AttributedString> lines = new ArrayList<>();
    List<String> wrapped = Text.wrap(description, width, " ".repeat(column));
    String first = "  " + name;
    if (first.length() + 2 > column || wrapped.isEmpty()) {
      lines.add(new AttributedString(first));
    } else {
      lines.add(new AttributedString(first + wrapped.remove(0).substring(first.length())));
    }
    wrapped.forEach(l -> lines.add(new AttributedString(l)));
    return lines;
  }

  /** Every command (and its aliases) beside its summary, wrapped to what the width leaves; help COMMAND says more. */
  private static List<AttributedString> overview(int width) {
    List<CommandLine> all = Commands.all();
    int nameWidth = all.stream().mapToInt(c -> names(c).length()).max().orElse(0);
    List<AttributedString> lines = new ArrayList<>();
    lines.add(new AttributedString(pad("COMMAND", nameWidth) + "  WHAT IT DOES", AttributedStyle.BOLD));
    for (CommandLine command : all) {
      List<String> summary = Text.wrap(Commands.summary(command), Math.max(24, width - nameWidth - 2), "");
      for (int i = 0; i < summary.size(); i++) {
        lines.add(new AttributedString(pad(i == 0 ? names(command) : "", nameWidth) + "  " + summary.get(i)));
      }
    }
    lines.add(AttributedString.EMPTY);
    Text.wrap("help COMMAND shows its usage and flags; every command takes --json. Quote words with ' or \" to keep "
        + "spaces; Tab completes; Ctrl-C cancels the line or the running transfer; Ctrl-D or exit leaves.", width, "")
        .forEach(l -> lines.add(new AttributedString(l)));
    return lines;
  }

  /** {@code get, cat}: a command's name and its aliases. */
  private static String names(CommandLine command) {
    List<String> names = new ArrayList<>(List.of(command.getCommandName()));
    names.addAll(List.of(command.getCommandSpec().aliases()));
    return String.join(", ", names);
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - Text.columns(text)));
  }

  private static Map<String, Object> entry(CommandLine line) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", Commands.path(line));
    o.put("aliases", List.of(line.getCommandSpec().aliases()));
    o.put("summary", Commands.summary(line));
    o.put("usage", Commands.usage(line));
    return o;
  }

  private static Map<String, Object> option(OptionSpec option) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("names", List.of(option.names()));
    o.put("value", option.arity().max() > 0 ? option.paramLabel() : null);
    o.put("description", String.join(" ", option.description()));
    return o;
  }
}
