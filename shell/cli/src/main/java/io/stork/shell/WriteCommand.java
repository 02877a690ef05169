package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import io.stork.client.StorkClient.WriteOptions;
import io.stork.client.TransferListener;
import io.stork.protocol.ArtifactVersion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** upload and update: content from the line or from a file, placed as --require says. */
abstract class WriteCommand implements ShellCommand {
  @Parameters(index = "1..*", arity = "0..*", paramLabel = "CONTENT", description = "the content: the rest of the line")
  List<String> content = new ArrayList<>();

  @Option(names = "--file", paramLabel = "PATH", description = "the content is the bytes of this local file, any size",
      completionCandidates = FilePaths.class)
  String file;

  @Option(names = "--require", paramLabel = "CAP", description = "every replica on nodes that declared capability CAP "
      + "(give it again to require several: all of them)", completionCandidates = NodeCapabilities.class)
  List<String> require = new ArrayList<>();

  @Mixin
  Common common;

  /** The name as typed. */
  abstract String typedName();

  abstract boolean replace();

  @Override
  public void run(Session session, Output out) {
    String name = Names.checked(typedName());
    WriteOptions options = new WriteOptions(Capabilities.required(require));
    String verb = replace() ? "update" : "upload";
    ArtifactVersion version;
    String timing = "";
    if (file != null) {
      if (!content.isEmpty()) {
        throw new CommandException(verb + ": give the content on the line or with --file, not both");
      }
      Path path = LocalPaths.readableFile(file);
      try (ProgressBar bar = session.console().progress(verb + " " + printable(name))) {
        version = session.client().writeFile(name, replace(), path, options, bar);
        timing = bar.shown() ? " (" + bar.summary(version.size()) + ")" : "";
      }
    } else {
      if (content.isEmpty()) {
        throw new CommandException(verb + ": missing CONTENT (usage: " + String.join(" | ", usage()) + ")");
      }
      byte[] bytes = String.join(" ", content).getBytes(StandardCharsets.UTF_8);
      version = session.client().write(name, replace(), new ByteArrayInputStream(bytes), bytes.length, options,
          TransferListener.NONE);
    }
    String placed = version.requiredCapabilities().isEmpty() ? ""
        : ", on nodes with " + String.join(" and ", version.requiredCapabilities());
    out.result(JsonViews.version(verb, version), (replace() ? "updated '" : "uploaded '") + printable(name) + "': "
        + describe(version) + placed + timing);
    if (!out.json() && file == null && content.size() == 1 && LocalPaths.isExistingFile(content.get(0))) {
      out.console().println("note: the content is the text '" + printable(content.get(0)) + "'; to store that file's bytes: "
          + verb + " " + printable(name) + " --file " + printable(content.get(0)));
    }
  }

  private List<String> usage() {
    return List.of(getClass().getAnnotation(picocli.CommandLine.Command.class).customSynopsis());
  }

  static String describe(ArtifactVersion v) {
    int chunks = v.chunks().size();
    return "version " + v.version() + ", " + Sizes.format(v.size()) + " in " + chunks + (chunks == 1 ? " chunk" : " chunks");
  }
}
