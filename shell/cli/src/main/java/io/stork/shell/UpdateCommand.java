package io.stork.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "update", header = "replace the content of an artifact",
    customSynopsis = {"update NAME CONTENT... [--require CAP]...", "update NAME --file PATH [--require CAP]..."},
    description = "Replaces the content of an existing artifact, as upload takes it, with a new version. Readers see the old "
        + "content or the new one, never a mix. --require applies to the new version, as for upload: without it, the new "
        + "version may live on any node.")
final class UpdateCommand extends WriteCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "the artifact to replace", completionCandidates = Artifacts.class)
  String name;

  @Override
  String typedName() {
    return name;
  }

  @Override
  boolean replace() {
    return true;
  }
}
