package io.stork.shell;

import io.stork.protocol.ArtifactNames;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command table: every command's name, arguments, flags and help, in the order {@code help}
 * lists them. Parsing, completion and help all read it, so a command is described once.
 */
enum Command {
  UPLOAD("upload", "store a new artifact", List.of(Arg.NAME, Arg.CONTENT), List.of("--file", "--require"),
      List.of("upload NAME CONTENT... [--require CAP]...", "upload NAME --file PATH [--require CAP]..."), """
      Stores a new artifact. The content is the rest of the line: the words after NAME joined by
      single spaces, quoted words kept as typed (upload notes "two  spaces"). With --file PATH the
      content is the bytes of a local file, any size. Fails if NAME exists: update replaces it.
      --require CAP puts every replica of every chunk on storage nodes that declared capability CAP
      (list shows them); give it again to require more (--require ssd --require gpu: both). With
      fewer such live nodes than the replication factor, nothing is stored. Repairs keep to them."""),
  UPDATE("update", "replace the content of an artifact", List.of(Arg.ARTIFACT, Arg.CONTENT), List.of("--file", "--require"),
      List.of("update NAME CONTENT... [--require CAP]...", "update NAME --file PATH [--require CAP]..."), """
      Replaces the content of an existing artifact, as upload takes it, with a new version.
      Readers see the old content or the new one, never a mix. --require applies to the new
      version, as for upload: without it, the new version may live on any node."""),
  GET("get", "print the content of an artifact, or write it to a file", List.of(Arg.ARTIFACT), List.of("--out"),
      List.of("get NAME [--out PATH]"), """
      Prints the content of NAME when it is text. Binary content (or any content with --out) is
      written to PATH, whole and verified, or not at all."""),
  DELETE("delete", "remove an artifact", List.of(Arg.ARTIFACT), List.of(),
      List.of("delete NAME"), """
      Removes NAME from the namespace at once; its chunks are removed from the storage nodes in the
      background."""),
  LIST("list", "show the cluster, or where the chunks of an artifact live", List.of(Arg.OPTIONAL_ARTIFACT), List.of(),
      List.of("list", "list NAME"), """
      Without NAME: the storage nodes (state, zone, chunks, bytes used) and the artifacts (size,
      version, chunks, live replicas against wanted ones, health). With NAME: every chunk of its
      current version and the nodes that hold a replica of it."""),
  SOURCE("source", "run the commands of a file", List.of(Arg.FILE), List.of(),
      List.of("source FILE"), """
      Runs FILE as a batch: one command per line, blank lines and # comments skipped. Stops at the
      first failure (unless the shell was started with --keep-going)."""),
  CHAOS("chaos", "kill nodes, disturb messages, damage replicas", List.of(Arg.CHAOS_ACTION, Arg.WORDS),
      List.of("--count", "--to", "--mttf", "--max-down"),
      List.of("chaos kill NODE", "chaos kill random [--count N]", "chaos restart NODE", "chaos drop PERCENT [--to NODE]",
          "chaos delay MIN..MAX [--to NODE]", "chaos off", "chaos corrupt NAME", "chaos monkey --mttf DURATION [--max-down K]",
          "chaos monkey stop", "chaos status"), """
      Faults to watch the store heal. kill stops a storage node as a crash would (its data stays on
      disk); restart brings it back on its data, and it reports its chunks. drop loses PERCENT of the
      messages to storage nodes (or to NODE), delay holds each for a time in MIN..MAX (250ms..1s);
      off ends both. corrupt flips a byte in one replica of NAME on disk. monkey kills a random node
      every 0.25 to 1.75 times DURATION and restarts it a little later, never more than K down
      (default: replication - 1); monkey stop ends it and restarts its victims. status shows what
      is active. Events (a node dead, the store healed) appear at the prompt as they happen.
      Connected to a multi-process cluster, kill ends the node's process (exit status 137, as
      SIGKILL), and restart and corrupt work for nodes of the deployment given with --spec."""),
  WAIT("wait", "wait until the store is healed, or nodes are up", List.of(Arg.WAIT_GOAL, Arg.WORDS), List.of("--timeout"),
      List.of("wait healed [--timeout DURATION]", "wait nodes N [--timeout DURATION]"), """
      Blocks until every chunk has its replicas on live nodes (healed), or until N storage nodes
      are up. Fails after DURATION (default 60s); Ctrl-C cancels. For scripts and demos."""),
  HELP("help", "list the commands, or explain one", List.of(Arg.COMMAND), List.of(),
      List.of("help [COMMAND]"), """
      Lists the commands, or shows the usage of COMMAND."""),
  EXIT("exit", "leave the shell (Ctrl-D does too)", List.of(), List.of(),
      List.of("exit"), """
      Leaves the shell, stopping the embedded cluster (a cluster joined with --connect runs on).
      In a batch, stops the batch."""),
  QUIT("quit", "same as exit", List.of(), List.of(),
      List.of("quit"), """
      Same as exit.""");

  /** What a positional argument is, which tells the parser its arity and the completer its values. */
  enum Arg {
    NAME("NAME", true, false),
    ARTIFACT("NAME", true, false),
    OPTIONAL_ARTIFACT("NAME", false, false),
    CONTENT("CONTENT", false, true),
    FILE("FILE", true, false),
    COMMAND("COMMAND", false, false),
    CHAOS_ACTION("ACTION", false, false),
    WAIT_GOAL("healed|nodes", true, false),
    WORDS("ARGS", false, true);

    final String label;
    final boolean required;
    final boolean repeats;

    Arg(String label, boolean required, boolean repeats) {
      this.label = label;
      this.required = required;
      this.repeats = repeats;
    }
  }

  private static final Set<String> REPEATABLE_FLAGS = Set.of("--require");

  private final String word;
  private final String summary;
  private final List<Arg> args;
  private final List<String> flags;
  private final List<String> usage;
  private final String help;

  Command(String word, String summary, List<Arg> args, List<String> flags, List<String> usage, String help) {
    this.word = word;
    this.summary = summary;
    this.args = args;
    this.flags = flags;
    this.usage = usage;
    this.help = help;
  }

  static Optional<Command> find(String word) {
    return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst();
  }

  /** The error for a word that names no command, with the nearest one when there is one. */
  static CommandException unknown(String word) {
    return new CommandException("unknown command '" + ArtifactNames.printable(word) + "'; "
        + DidYouMean.closest(word, words()).map(s -> "did you mean '" + s + "'?").orElse("type help to list the commands"));
  }

  static List<String> words() {
    return Arrays.stream(values()).map(Command::word).toList();
  }

  String word() {
    return word;
  }

  String summary() {
    return summary;
  }

  /** Flags, each taking one value: {@code --file PATH}. */
  List<String> flags() {
    return flags;
  }

  /** Whether {@code flag} may be given more than once, every value kept: {@code --require ssd --require gpu}. */
  boolean repeatable(String flag) {
    return REPEATABLE_FLAGS.contains(flag) && flags.contains(flag);
  }

  List<String> usage() {
    return usage;
  }

  String help() {
    return help;
  }

  /** The kind of the positional argument at {@code index}, or null past the last one. */
  Arg arg(int index) {
    if (index < args.size()) {
      return args.get(index);
    }
    return !args.isEmpty() && args.get(args.size() - 1).repeats ? args.get(args.size() - 1) : null;
  }

  int minArgs() {
    return (int) args.stream().filter(a -> a.required).count();
  }

  int maxArgs() {
    return args.stream().anyMatch(a -> a.repeats) ? Integer.MAX_VALUE : args.size();
  }

  /** The usage in one line, for error messages: {@code upload NAME CONTENT... | upload NAME --file PATH}. */
  String usageLine() {
    return String.join(" | ", usage);
  }
}
