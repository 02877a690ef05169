package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import io.stork.runtime.CommandLines;
import io.stork.runtime.CommandLines.Mistake;
import io.stork.shell.LineTokenizer.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * A command line of the shell, parsed by picocli against the command table ({@link Commands}).
 * An unquoted word starting with {@code --} is a flag ({@code --out F} or {@code --out=F}); a quoted
 * one, a word with a single dash ({@code -5}, {@code -}), or any word after a bare {@code --}, is an
 * argument, so that any content can still be typed: such words reach picocli as placeholders, which
 * its String converter turns back. Mistakes become one line with the command's usage.
 */
final class ShellParser {
  /** The command to run (its options bound), the picocli line it was found on, and how it was asked for. */
  record Parsed(ShellCommand command, CommandLine line, boolean json, boolean help) {}

  private final Map<String, String> escaped = new HashMap<>();
  private final String marker = "\u0000" + UUID.randomUUID() + ":";

  private ShellParser() {}

  static Parsed parse(List<Word> words) {
    return new ShellParser().parseWords(words);
  }

  private Parsed parseWords(List<Word> words) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("no words");
    }
    CommandLine root = Commands.root();
    root.registerConverter(String.class, this::unescape);
    String name = words.get(0).text();
    if (!root.getSubcommands().containsKey(name)) {
      throw Commands.unknown(name);
    }
    List<String> args = new ArrayList<>(List.of(name));
    boolean optionsEnded = false;
    for (Word word : words.subList(1, words.size())) {
      String text = word.text();
      boolean flag = !optionsEnded && !word.quoted() && text.startsWith("--");
      optionsEnded |= flag && text.equals("--");
      args.add(flag || !text.startsWith("-") || optionsEnded ? text : escape(text));
    }
    ParseResult result;
    try {
      result = root.parseArgs(args.toArray(String[]::new));
    } catch (ParameterException e) {
      throw mistake(e);
    }
    boolean json = false;
    boolean help = false;
    ParseResult leaf = result;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
      json |= leaf.hasMatchedOption("--json");
      help |= leaf.isUsageHelpRequested();
    }
    CommandLine line = leaf.commandSpec().commandLine();
    if (!(leaf.commandSpec().userObject() instanceof ShellCommand command)) {
      if (help) {
        return new Parsed(null, line, json, true);
      }
      throw new CommandException(Commands.path(line) + ": missing ACTION, one of " + String.join(", ", line.getSubcommands()
          .keySet().stream().filter(k -> line.getSubcommands().get(k).getCommandName().equals(k)).toList()) + " (help "
          + Commands.path(line) + " explains them)");
    }
    return new Parsed(command, line, json, help);
  }

  private String escape(String word) {
    String placeholder = marker + escaped.size();
    escaped.put(placeholder, word);
    return placeholder;
  }

  private String unescape(String value) {
    return escaped.getOrDefault(value, value);
  }

  private CommandException mistake(ParameterException e) {
    CommandLine line = e.getCommandLine();
    String path = Commands.path(line);
    String usage = " (usage: " + Commands.usageLine(line) + ")";
    Mistake mistake = CommandLines.mistake(e);
    String word = unescape(mistake.word());
    return new CommandException(switch (mistake.problem()) {
      case UNKNOWN_OPTION -> "unknown flag '" + printable(word) + "' for " + path + "; " + DidYouMean.closest(word,
          CommandLines.optionNames(line)).map(s -> "did you mean '" + s + "'?").orElse(takesContent(line.getCommandSpec())
          ? "quote it if it is content" : "usage: " + Commands.usageLine(line));
      case UNEXPECTED_ARGUMENT -> line.getSubcommands().isEmpty()
          ? path + ": unexpected argument '" + printable(word) + "'" + usage
          : path + ": unknown action '" + printable(word) + "'; " + DidYouMean.closest(word, line.getSubcommands().keySet())
              .map(s -> "did you mean '" + s + "'?").orElse("help " + path + " lists them");
      case MISSING_ARGUMENT -> path + ": missing " + word + usage;
      case MISSING_VALUE, MISSING_OPTION -> word + " needs a value" + usage;
      case GIVEN_TWICE, TAKES_NO_VALUE -> mistake.text();
      case INVALID -> path + ": " + printable(unescapeAll(mistake.text()));
    });
  }

  private String unescapeAll(String text) {
    String result = text;
    for (Map.Entry<String, String> e : escaped.entrySet()) {
      result = result.replace(e.getKey(), e.getValue());
    }
    return result;
  }

  private static boolean takesContent(CommandSpec spec) {
    return spec.positionalParameters().stream().map(PositionalParamSpec::paramLabel).anyMatch("CONTENT"::equals);
  }
}
