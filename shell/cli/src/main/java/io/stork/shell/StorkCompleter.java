package io.stork.shell;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion from the command table's picocli description: command names (aliases too), a
 * command's actions and flags (only its own: {@code chaos monkey --} offers --mttf, not --count),
 * and for each parameter what its {@code completionCandidates} names: artifact names (asked of
 * the name node), node ids, the capabilities the nodes declared, local paths, or fixed words.
 */
final class StorkCompleter implements Completer {
  static final int MAX_NAMES = 100;

  private final Function<String, List<String>> artifactNames;
  private final Supplier<List<String>> nodeIds;
  private final Supplier<List<String>> capabilities;
  private final Completer files;

  /**
   * {@code artifactNames} gives the names starting with a prefix, {@code nodeIds} the storage nodes,
   * {@code capabilities} the capabilities they declared; none should throw.
   */
  StorkCompleter(Function<String, List<String>> artifactNames, Supplier<List<String>> nodeIds,
                 Supplier<List<String>> capabilities) {
    this(artifactNames, nodeIds, capabilities, new Completers.FileNameCompleter());
  }

  StorkCompleter(Function<String, List<String>> artifactNames, Supplier<List<String>> nodeIds,
                 Supplier<List<String>> capabilities, Completer files) {
    this.artifactNames = artifactNames;
    this.nodeIds = nodeIds;
    this.capabilities = capabilities;
    this.files = files;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int index = line.wordIndex();
    String prefix = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
    CommandLine command = Commands.root();
    int at = 0;
    // Walk down the command and its actions as typed before the word being completed.
    while (at < index && command.getSubcommands().containsKey(words.get(at))) {
      command = command.getSubcommands().get(words.get(at));
      at++;
    }
    if (at == 0) {
      if (index == 0) {
        Commands.words().forEach(w -> candidates.add(new Candidate(w)));
      }
      return;
    }
    CommandSpec spec = command.getCommandSpec();
    OptionSpec previous = index > 0 ? spec.findOption(words.get(index - 1)) : null;
    if (previous != null && previous.arity().max() > 0) {
      offer(previous, prefix, reader, line, candidates);
      return;
    }
    if (prefix.startsWith("-")) {
      List<String> typed = words.subList(at, index);
      spec.options().stream().filter(o -> o.isMultiValue() || typed.stream().noneMatch(List.of(o.names())::contains))
          .forEach(o -> candidates.add(new Candidate(o.longestName())));
      return;
    }
    int position = position(spec, words, at, index);
    if (position == 0 && !command.getSubcommands().isEmpty()) {
      Commands.distinct(command).forEach(sub -> candidates.add(new Candidate(sub.getCommandName())));
      return;
    }
    spec.positionalParameters().stream().filter(p -> p.index().contains(position)).findFirst()
        .ifPresent(p -> offer(p, prefix, reader, line, candidates));
  }

  /** What the parameter's completionCandidates name. */
  private void offer(ArgSpec arg, String prefix, LineReader reader, ParsedLine line, List<Candidate> candidates) {
    Iterable<String> kind = arg.completionCandidates();
    List<String> values;
    if (kind instanceof ShellCommand.Artifacts) {
      values = artifactNames.apply(prefix);
    } else if (kind instanceof ShellCommand.Nodes) {
      values = nodeIds.get();
    } else if (kind instanceof ShellCommand.NodesOrRandom) {
      values = Stream.concat(Stream.of("random"), nodeIds.get().stream()).toList();
    } else if (kind instanceof ShellCommand.NodeCapabilities) {
      values = capabilities.get();
    } else if (kind instanceof ShellCommand.CommandNames) {
      values = Commands.words();
    } else if (kind instanceof ShellCommand.FilePaths) {
      files.complete(reader, line, candidates);
      return;
    } else if (kind instanceof ShellCommand.Candidates fixed) {
      values = fixed.words();
    } else {
      return; // a new name, content, a number: nothing to offer
    }
    values.forEach(v -> candidates.add(new Candidate(v)));
  }

  /** Which positional argument word {@code index} is, skipping flags and the values they take. */
  private static int position(CommandSpec spec, List<String> words, int from, int index) {
    int position = 0;
    for (int i = from; i < index; i++) {
      OptionSpec option = spec.findOption(words.get(i));
      if (option != null) {
        i += option.arity().max() > 0 ? 1 : 0;
      } else if (!words.get(i).startsWith("--")) {
        position++;
      }
    }
    return position;
  }
}
