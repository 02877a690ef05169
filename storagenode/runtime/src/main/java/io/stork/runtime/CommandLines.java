package io.stork.runtime;

import static io.stork.protocol.ArtifactNames.printable;

import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The one way Stork reads a command line: picocli, set up alike for every program and for the
 * shell's commands, and its complaints turned into Stork's one-line messages
 * ({@code --port needs a value}, {@code unknown option '--bogus'}).
 */
public final class CommandLines {
  /** The exit status of a bad command line. */
  public static final int USAGE = 2;

  /** What is wrong with a command line, and the word it is about (an option's name, an argument as typed). */
  public enum Problem { UNKNOWN_OPTION, UNEXPECTED_ARGUMENT, MISSING_VALUE, MISSING_OPTION, MISSING_ARGUMENT, GIVEN_TWICE,
    TAKES_NO_VALUE, INVALID }

  /** One mistake: its problem, the word it concerns, and a line that says it. */
  public record Mistake(Problem problem, String word, String text) {}

  private CommandLines() {}

  /**
   * A picocli command line for {@code command} as Stork wants them all: no {@code @file} expansion
   * (a word starting with {@code @} is a word), no abbreviated options, an option given twice refused.
   */
  public static CommandLine of(Object command) {
    return new CommandLine(command)
        .setExpandAtFiles(false)
        .setAbbreviatedOptionsAllowed(false)
        .setOverwrittenOptionsAllowed(false)
        .setUnmatchedArgumentsAllowed(false)
        .setCaseInsensitiveEnumValuesAllowed(false);
  }

  /**
   * Parses {@code args} into {@code command}, a picocli-annotated object with a usage-help option.
   * Returns null when the program should go on; else the exit status, after printing the help (0)
   * or the mistake with a pointer to {@code --help} (2).
   */
  public static Integer parse(String program, Object command, String[] args, PrintStream out, PrintStream err) {
    CommandLine line = of(command);
    try {
      line.parseArgs(args);
    } catch (ParameterException e) {
      return refuse(program, mistake(e).text(), err);
    }
    if (line.isUsageHelpRequested()) {
      line.usage(out);
      return 0;
    }
    return null;
  }

  /** A bad command line: one line naming the problem, a pointer to --help; returns the exit status. */
  public static int refuse(String program, String problem, PrintStream err) {
    err.println(program + ": " + problem);
    err.println("(" + program + " --help shows the options)");
    return USAGE;
  }

  /** What picocli found wrong, as a Stork line. */
  public static Mistake mistake(ParameterException e) {
    // picocli checks required options before it complains of unknown words: the unknown word is the likelier mistake
    List<String> unknown = e instanceof CommandLine.UnmatchedArgumentException unmatched ? unmatched.getUnmatched()
        : e.getCommandLine() == null ? List.of() : e.getCommandLine().getUnmatchedArguments();
    if (!unknown.isEmpty()) {
      String word = unknown.get(0);
      return word.startsWith("-") && word.length() > 1
          ? new Mistake(Problem.UNKNOWN_OPTION, optionName(word), "unknown option '" + printable(optionName(word)) + "'")
          : new Mistake(Problem.UNEXPECTED_ARGUMENT, word, "unexpected argument '" + printable(word) + "'");
    }
    if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
      ArgSpec spec = missing.getMissing().get(0);
      if (spec instanceof OptionSpec option) {
        boolean named = e.getMessage().startsWith("Missing required option");
        return named ? new Mistake(Problem.MISSING_OPTION, option.longestName(), option.longestName() + " is required")
            : new Mistake(Problem.MISSING_VALUE, option.longestName(), option.longestName() + " needs a value");
      }
      return new Mistake(Problem.MISSING_ARGUMENT, spec.paramLabel(), "missing " + spec.paramLabel());
    }
    if (e instanceof CommandLine.OverwrittenOptionException twice) {
      String name = twice.getOverwritten() instanceof OptionSpec o ? o.longestName() : twice.getOverwritten().paramLabel();
      return new Mistake(Problem.GIVEN_TWICE, name, name + " is given twice");
    }
    ArgSpec spec = e.getArgSpec();
    if (spec instanceof OptionSpec option && option.arity().max() == 0) {
      return new Mistake(Problem.TAKES_NO_VALUE, option.longestName(), option.longestName() + " takes no value");
    }
    if (e.getCause() instanceof CommandLine.TypeConversionException conversion) {
      String name = spec instanceof OptionSpec o ? o.longestName() : spec == null ? "" : spec.paramLabel();
      return new Mistake(Problem.INVALID, name, name + ": " + conversion.getMessage());
    }
    return new Mistake(Problem.INVALID, "", printable(e.getMessage()));
  }

  /** {@code --out=x} is about {@code --out}. */
  private static String optionName(String word) {
    int equals = word.indexOf('=');
    return word.startsWith("--") && equals > 0 ? word.substring(0, equals) : word;
  }

  /** The names of every option of {@code line}'s command, for suggestions. */
  public static List<String> optionNames(CommandLine line) {
    return line.getCommandSpec().options().stream().filter(o -> !o.hidden()).map(OptionSpec::longestName).toList();
  }
}
