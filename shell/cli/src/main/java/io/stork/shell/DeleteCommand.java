package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "delete", aliases = "rm", header = "remove an artifact", customSynopsis = "delete NAME",
    description = "Removes NAME from the namespace at once; its chunks are removed from the storage nodes in the background.")
final class DeleteCommand implements ShellCommand {
  @Mixin
  ArtifactName artifact;

  @Mixin
  Common common;

  @Override
  public void run(Session session, Output out) {
    String checked = Names.checked(artifact.name);
    long version = session.client().delete(checked);
    Map<String, Object> json = Json.result("delete");
    json.put("name", checked);
    json.put("version", version);
    out.result(json, "deleted '" + printable(checked) + "'");
  }
}
