package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;
import static io.stork.shell.LineTokenizer.quote;

import io.stork.client.ArtifactReplicas;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "get", aliases = "cat", header = "print the content of an artifact, or write it to a file",
    customSynopsis = "get NAME [--out PATH|-] [--force]",
    description = "Prints the content of NAME. On a terminal only text is printed; on a pipe or into a file (stork get x > f), "
        + "the bytes are written as they are, binary included. With --out PATH the content is written to PATH, whole and "
        + "verified, or not at all; an existing file is replaced only with --force (and keeps its mode; a new file gets the "
        + "mode the umask gives). A character device or a FIFO is written straight into, never replaced (a FIFO once a "
        + "reader opens it); a block device only with --force. --out - writes to stdout. Refused before anything is "
        + "fetched: a directory, a socket, a symbolic link to nothing, a missing directory, a path inside a Stork data "
        + "directory.")
final class GetCommand implements ShellCommand {
  /** Larger content is not printed on a terminal (nobody reads 16 MiB there) or put in JSON: --out is the way. */
  static final long PRINT_LIMIT = 16L << 20;

  @Mixin
  ArtifactName artifact;

  @Option(names = "--out", paramLabel = "PATH", description = "write the content to PATH (- for stdout)",
      completionCandidates = FilePaths.class)
  String out;

  @Option(names = "--force", description = "with --out: replace an existing file")
  boolean force;

  @Mixin
  Common common;

  @Override
  public void run(Session session, Output output) {
    String checked = Names.checked(artifact.name);
    if (force && (out == null || out.equals("-"))) {
      throw new CommandException("--force goes with --out PATH");
    }
    if (out != null && !out.equals("-")) {
      toFile(session, output, checked, LocalPaths.resolve(out));
      return;
    }
    if (out != null && output.json()) {
      throw new CommandException("--out - and --json both want stdout: give --out a file, or leave --json out");
    }
    OutputStream raw = session.console().raw();
    if (raw != null && !output.json()) {
      session.client().get(checked, raw, io.stork.client.TransferListener.NONE); // a pipe or a file: the bytes as they are
      return;
    }
    printed(session, output, checked);
  }

  private void toFile(Session session, Output output, String checked, Path path) {
    if (!force && Files.isRegularFile(path)) {
      throw new CommandException(ErrorKind.ALREADY_EXISTS, "file " + printable(out) + " already exists; --force replaces it");
    }
    ArtifactVersion version;
    String timing;
    try (ProgressBar bar = session.console().progress("get " + printable(checked))) {
      version = session.client().get(checked, path, force, bar);
      timing = bar.shown() ? " (" + bar.summary(version.size()) + ")" : "";
    }
    Map<String, Object> json = JsonViews.version("get", version);
    json.put("out", path.toString());
    output.result(json, "wrote '" + printable(checked) + "' to " + printable(out) + ": " + WriteCommand.describe(version) + timing);
  }

  /** To a terminal, or as JSON: held in memory, and checked to be text for a terminal. */
  private void printed(Session session, Output output, String checked) {
    String hint = "; use get " + quote(checked) + " --out FILE";
    ArtifactReplicas located = session.client().locate(checked);
    long size = located.version().size();
    if (size > PRINT_LIMIT) {
      throw new CommandException("'" + printable(checked) + "' is " + Sizes.format(size) + ", too large to print" + hint);
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) size);
    ArtifactVersion version;
    try (ProgressBar bar = session.console().progress("get " + printable(checked))) {
      version = session.client().read(located, buffer, bar); // the very version whose size was checked
    }
    byte[] bytes = buffer.toByteArray();
    Optional<String> text = Content.asText(bytes);
    if (output.json()) {
      Map<String, Object> json = JsonViews.version("get", version);
      if (text.isPresent()) {
        json.put("content", text.get());
      } else {
        json.put("contentBase64", Base64.getEncoder().encodeToString(bytes));
      }
      output.console().json(json);
      return;
    }
    session.console().content(text.orElseThrow(() -> new CommandException("'" + printable(checked) + "' is binary ("
        + bytes.length + " bytes), not written to a terminal" + hint + ", or a pipe")));
  }

}
