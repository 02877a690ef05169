package io.stork.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "upload", aliases = "put", header = "store a new artifact",
    customSynopsis = {"upload NAME CONTENT... [--require CAP]...", "upload NAME --file PATH [--require CAP]..."},
    description = "Stores a new artifact. The content is the rest of the line: the words after NAME joined by single spaces, "
        + "quoted words kept as typed (upload notes \"two  spaces\"). With --file PATH the content is the bytes of a local file, "
        + "any size. Fails if NAME exists: update replaces it. --require CAP puts every replica of every chunk on storage nodes "
        + "that declared capability CAP (list shows them); give it again to require more (--require ssd --require gpu: both). "
        + "With fewer such live nodes than the replication factor, nothing is stored. Repairs keep to them.")
final class UploadCommand extends WriteCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "the new artifact's name")
  String name;

  @Override
  String typedName() {
    return name;
  }

  @Override
  boolean replace() {
    return false;
  }
}
