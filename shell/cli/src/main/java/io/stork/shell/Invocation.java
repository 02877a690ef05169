package io.stork.shell;

import io.stork.shell.LineTokenizer.Word;
import static io.stork.protocol.ArtifactNames.printable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line checked against the command table: the command, its positional arguments, its
 * flags with their values (one each, or as many as given for a repeatable flag), in typed order.
 */
record Invocation(Command command, List<String> args, Map<String, List<String>> flags) {

  Invocation {
    args = List.copyOf(args);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    flags.forEach((flag, values) -> copy.put(flag, List.copyOf(values)));
    flags = Collections.unmodifiableMap(copy);
  }

  // Words are echoed through ArtifactNames.printable: a typed escape sequence must not reach the terminal.

  /**
   * Checks the words of a line. An unquoted word starting with {@code --} is a flag ({@code --out F}
   * or {@code --out=F}); a quoted one, or any word after a bare {@code --}, is an argument, so any
   * content can still be typed.
   */
  static Invocation parse(List<Word> words) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("no words");
    }
    String word = words.get(0).text();
    Command command = Command.find(word).orElseThrow(() -> Command.unknown(word));
    List<String> args = new ArrayList<>();
    Map<String, List<String>> flags = new LinkedHashMap<>();
    boolean flagsEnded = false;
    for (int i = 1; i < words.size(); i++) {
      Word w = words.get(i);
      if (flagsEnded || w.quoted() || !w.text().startsWith("--")) {
        args.add(w.text());
      } else if (w.text().equals("--")) {
        flagsEnded = true;
      } else {
        int equals = w.text().indexOf('=');
        String flag = equals < 0 ? w.text() : w.text().substring(0, equals);
        checkFlag(command, flag);
        if (flags.containsKey(flag) && !command.repeatable(flag)) {
          throw new CommandException(flag + " is given twice");
        }
        List<String> values = flags.computeIfAbsent(flag, f -> new ArrayList<>());
        if (equals >= 0) {
          values.add(w.text().substring(equals + 1));
        } else if (i + 1 < words.size()) {
          values.add(words.get(++i).text());
        } else {
          throw new CommandException(flag + " needs a value (usage: " + command.usageLine() + ")");
        }
      }
    }
    checkArity(command, args);
    return new Invocation(command, args, flags);
  }

  private static void checkFlag(Command command, String flag) {
    if (command.flags().contains(flag)) {
      return;
    }
    String hint = DidYouMean.closest(flag, command.flags()).map(s -> "did you mean '" + s + "'?")
        .orElse(command.arg(1) == Command.Arg.CONTENT ? "quote it if it is content" : "usage: " + command.usageLine());
    throw new CommandException("unknown flag '" + printable(flag) + "' for " + command.word() + "; " + hint);
  }

  private static void checkArity(Command command, List<String> args) {
    if (args.size() < command.minArgs()) {
      throw new CommandException(command.word() + ": missing " + command.arg(args.size()).label
          + " (usage: " + command.usageLine() + ")");
    }
    if (args.size() > command.maxArgs()) {
      throw new CommandException(command.word() + ": unexpected argument '" + printable(args.get(command.maxArgs()))
          + "' (usage: " + command.usageLine() + ")");
    }
  }

  /** The positional argument at {@code index}, or null when absent. */
  String arg(int index) {
    return index < args.size() ? args.get(index) : null;
  }

  /** The value of a flag given once, or null when absent. */
  String flag(String name) {
    List<String> values = flags.get(name);
    return values == null ? null : values.get(0);
  }

  /** Every value of a repeatable flag, in the order typed; empty when absent. */
  List<String> values(String name) {
    return flags.getOrDefault(name, List.of());
  }

  /** The arguments from {@code index} on, joined by single spaces: typed content. */
  String joinedFrom(int index) {
    return String.join(" ", args.subList(Math.min(index, args.size()), args.size()));
  }
}
