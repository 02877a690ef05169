package io.stork.shell;

import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * A command of the shell, described once by its picocli annotations (name, aliases, header = the
 * one-line summary, customSynopsis = the usage lines, description, options, parameters): parsing,
 * help and completion all read that description. {@link #run} does the work.
 */
interface ShellCommand {
  void run(Session session, Output out);

  /** What every command takes: mixed in with {@code @Mixin Common common}. */
  final class Common {
    @Option(names = "--json", description = "print the result as one JSON object on a line (fields: docs/JSON.md); "
        + "errors too, on stderr")
    boolean json;

    @Option(names = "--help", usageHelp = true, description = "show this help")
    boolean help;
  }

  /** The name of an existing artifact, first on the line: mixed in with {@code @Mixin ArtifactName artifact}. */
  final class ArtifactName {
    @picocli.CommandLine.Parameters(index = "0", paramLabel = "NAME", description = "the artifact",
        completionCandidates = Artifacts.class)
    String name;
  }

  /**
   * What Tab offers for a parameter, named by its {@code completionCandidates}: the completer asks
   * the cluster for the dynamic kinds; fixed ones list their words.
   */
  abstract class Candidates implements Iterable<String> {
    List<String> words() {
      return List.of();
    }

    @Override
    public Iterator<String> iterator() {
      return words().iterator();
    }
  }

  /** Existing artifact names, asked of the name node. */
  final class Artifacts extends Candidates {}

  /** Storage node ids. */
  final class Nodes extends Candidates {}

  /** "random" and the storage node ids. */
  final class NodesOrRandom extends Candidates {}

  /** The capabilities the storage nodes declared. */
  final class NodeCapabilities extends Candidates {}

  /** Local paths. */
  final class FilePaths extends Candidates {}

  /** The shell's command names. */
  final class CommandNames extends Candidates {}
}
