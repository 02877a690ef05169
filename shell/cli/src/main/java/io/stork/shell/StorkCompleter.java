package io.stork.shell;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion from the command table: command names, a command's flags, artifact names (asked
 * of the name node) where a command takes an existing artifact, node names after {@code --to},
 * the capabilities the nodes declared after {@code --require}, and local paths after
 * {@code --file}, {@code --out} and for {@code source}.
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
    if (index == 0) {
      Command.words().forEach(w -> candidates.add(new Candidate(w)));
      return;
    }
    Command command = Command.find(words.get(0)).orElse(null);
    if (command == null) {
      return;
    }
    if (words.get(index - 1).equals("--to")) {
      nodeIds.get().forEach(id -> candidates.add(new Candidate(id)));
      return;
    }
    if (words.get(index - 1).equals("--require") && command.flags().contains("--require")) {
      capabilities.get().forEach(c -> candidates.add(new Candidate(c)));
      return;
    }
    if (command.flags().contains(words.get(index - 1))) {
      if (command.flags().contains("--file") || command.flags().contains("--out")) {
        files.complete(reader, line, candidates);
      }
      return;
    }
    if (prefix.startsWith("-")) {
      command.flags().stream().filter(f -> command.repeatable(f) || !words.contains(f))
          .forEach(f -> candidates.add(new Candidate(f)));
      return;
    }
    Command.Arg arg = command.arg(position(command, words, index));
    if (arg == null) {
      return;
    }
    switch (arg) {
      case ARTIFACT, OPTIONAL_ARTIFACT -> artifactNames.apply(prefix).forEach(n -> candidates.add(new Candidate(n)));
      case COMMAND -> Command.words().forEach(w -> candidates.add(new Candidate(w)));
      case FILE -> files.complete(reader, line, candidates);
      case CHAOS_ACTION -> ChaosCommand.ACTIONS.forEach(a -> candidates.add(new Candidate(a)));
      case WAIT_GOAL -> List.of("healed", "nodes").forEach(g -> candidates.add(new Candidate(g)));
      case WORDS -> chaosTarget(words).forEach(c -> candidates.add(new Candidate(c)));
      default -> { } // a new name or content: nothing to offer
    }
  }

  /** After {@code chaos kill}, {@code restart} or {@code corrupt}: the nodes, or the artifacts. */
  private List<String> chaosTarget(List<String> words) {
    if (!words.get(0).equals(Command.CHAOS.word()) || words.size() < 3) {
      return List.of();
    }
    return switch (words.get(1)) {
      case "kill" -> java.util.stream.Stream.concat(java.util.stream.Stream.of("random"), nodeIds.get().stream()).toList();
      case "restart" -> nodeIds.get();
      case "corrupt" -> artifactNames.apply("");
      default -> List.of();
    };
  }

  /** Which positional argument word {@code index} is, skipping flags and their values. */
  private static int position(Command command, List<String> words, int index) {
    int position = 0;
    for (int i = 1; i < index; i++) {
      if (command.flags().contains(words.get(i))) {
        i++;
      } else {
        position++;
      }
    }
    return position;
  }
}
