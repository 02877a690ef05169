package io.stork.shell;

import io.stork.client.ArtifactReplicas;
import io.stork.client.StorkClient.WriteOptions;
import io.stork.client.StorkClient;
import io.stork.client.TransferListener;
import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import static io.stork.protocol.ArtifactNames.printable;
import static io.stork.shell.LineTokenizer.quote;
import static io.stork.shell.Table.Column.left;

/** What each command does, through the Stork client; results go to the console, failures are thrown. */
final class Commands {
  /** Larger content is not printed (nobody reads 16 MiB on a terminal): --out is the way. */
  static final long PRINT_LIMIT = 16L << 20;

  private final StorkClient client;
  private final Backend backend;
  private final Console console;
  private final Shell shell;

  Commands(Backend backend, Console console, Shell shell) {
    this.client = backend.client();
    this.backend = backend;
    this.console = console;
    this.shell = shell;
  }

  /** Runs a checked command; returns false for a failure already reported (a failed source). */
  boolean run(Invocation inv) {
    String lost = backend.lost();
    if (lost != null && inv.command() != Command.HELP && inv.command() != Command.EXIT && inv.command() != Command.QUIT) {
      throw new StorkException(ErrorKind.INVALID, lost);
    }
    switch (inv.command()) {
      case UPLOAD -> write(inv, false);
      case UPDATE -> write(inv, true);
      case GET -> get(inv);
      case DELETE -> delete(inv);
      case LIST -> list(inv);
      case SOURCE -> {
        return shell.source(inv.arg(0));
      }
      case CHAOS -> new ChaosCommand(backend.chaos(), console, client.summary().replication()).run(inv);
      case WAIT -> new Waits(client, console).run(inv);
      case HELP -> help(inv.arg(0));
      case EXIT, QUIT -> shell.requestExit();
      default -> throw new IllegalStateException("no action for " + inv.command());
    }
    return true;
  }

  private void write(Invocation inv, boolean replace) {
    String name = checkedName(inv.arg(0));
    WriteOptions options = new WriteOptions(Capabilities.required(inv.values("--require")));
    String file = inv.flag("--file");
    String verb = inv.command().word();
    ArtifactVersion version;
    if (file != null) {
      if (inv.args().size() > 1) {
        throw new CommandException(verb + ": give the content on the line or with --file, not both");
      }
      Path path = LocalPaths.readableFile(file);
      try (ProgressBar bar = console.progress(verb + " " + printable(name))) {
        version = client.writeFile(name, replace, path, options, bar);
      }
    } else {
      if (inv.args().size() < 2) {
        throw new CommandException(verb + ": missing CONTENT (usage: " + inv.command().usageLine() + ")");
      }
      byte[] content = inv.joinedFrom(1).getBytes(StandardCharsets.UTF_8);
      version = client.write(name, replace, new ByteArrayInputStream(content), content.length, options,
          TransferListener.NONE);
    }
    String placed = version.requiredCapabilities().isEmpty() ? ""
        : ", on nodes with " + String.join(" and ", version.requiredCapabilities());
    console.println((replace ? "updated '" : "uploaded '") + printable(name) + "': " + describe(version) + placed);
    if (file == null && inv.args().size() == 2 && LocalPaths.isExistingFile(inv.arg(1))) {
      console.println("note: the content is the text '" + printable(inv.arg(1)) + "'; to store that file's bytes: "
          + verb + " " + printable(name) + " --file " + printable(inv.arg(1)));
    }
  }

  private void get(Invocation inv) {
    String name = checkedName(inv.arg(0));
    String out = inv.flag("--out");
    if (out != null) {
      Path path = LocalPaths.resolve(out);
      ArtifactVersion version;
      try (ProgressBar bar = console.progress("get " + printable(name))) {
        version = client.get(name, path, bar);
      }
      console.println("wrote '" + printable(name) + "' to " + printable(out) + ": " + describe(version));
      return;
    }
    String hint = "; use get " + quote(name) + " --out FILE";
    ArtifactReplicas located = client.locate(name);
    long size = located.version().size();
    if (size > PRINT_LIMIT) {
      throw new CommandException("'" + printable(name) + "' is " + Sizes.format(size) + ", too large to print" + hint);
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) size);
    try (ProgressBar bar = console.progress("get " + printable(name))) {
      client.read(located, buffer, bar); // the very version whose size was checked
    }
    byte[] bytes = buffer.toByteArray();
    // One rule everywhere, terminal or pipe: raw binary is only ever written to a file.
    console.content(Content.asText(bytes).orElseThrow(() ->
        new CommandException("'" + printable(name) + "' is binary (" + bytes.length + " bytes)" + hint)));
  }

  private void delete(Invocation inv) {
    String name = checkedName(inv.arg(0));
    client.delete(name);
    console.println("deleted '" + printable(name) + "'");
  }

  private void list(Invocation inv) {
    if (inv.arg(0) == null) {
      StatusView.cluster(client.nodes(), client.allArtifacts(""), client.summary()).forEach(console::println);
      return;
    }
    StatusView.artifact(client.locate(checkedName(inv.arg(0)))).forEach(console::println);
  }

  private void help(String word) {
    if (word == null) {
      Table table = new Table(left("COMMAND"), left("WHAT IT DOES"));
      for (Command c : Command.values()) {
        for (int i = 0; i < c.usage().size(); i++) {
          table.row(c.usage().get(i), i == 0 ? c.summary() : "");
        }
      }
      table.render().forEach(console::println);
      console.println("");
      console.println("help COMMAND explains one. Quote words with ' or \" to keep spaces; Tab completes;");
      console.println("Ctrl-C cancels the line or the running transfer; Ctrl-D or exit leaves.");
      return;
    }
    Command c = Command.find(word).orElseThrow(() -> Command.unknown(word));
    console.println("usage: " + String.join("\n       ", c.usage()));
    console.println(c.help());
  }

  private static String checkedName(String name) {
    String problem = ArtifactNames.problem(name);
    if (problem != null) {
      throw new CommandException(problem);
    }
    return name;
  }

  private static String describe(ArtifactVersion v) {
    int chunks = v.chunks().size();
    return "version " + v.version() + ", " + Sizes.format(v.size()) + " in " + chunks + (chunks == 1 ? " chunk" : " chunks");
  }
}
