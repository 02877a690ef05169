package io.stork.shell;

import io.stork.protocol.NameNodeProtocol.Recovered;
import io.stork.protocol.ArtifactNames;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "recover", header = "rebuild the namespace from the storage nodes' manifests", customSynopsis = "recover",
    description = "Every storage node keeps the manifest of each committed version whose chunks it holds, and the tombstone "
        + "of each delete. recover journals every version and delete the nodes know of and the name node does not, as the "
        + "nodes reported them when they joined, then has the nodes report their chunks again. Use it when the name node's "
        + "metadata was lost or cut back (safe mode says so); it changes nothing the namespace already has newer.")
final class RecoverCommand implements ShellCommand {
  @Mixin
  Common common;

  @Override
  public void run(Session session, Output out) {
    Recovered recovered = session.client().recover();
    Map<String, Object> json = Json.result("recover");
    json.put("restored", recovered.restored());
    json.put("deleted", recovered.deleted());
    StringBuilder text = new StringBuilder("recover: " + recovered.restored().size() + " version(s) restored, "
        + recovered.deleted().size() + " delete(s) replayed");
    recovered.restored().forEach(name -> text.append("\n  restored ").append(ArtifactNames.printable(name)));
    recovered.deleted().forEach(name -> text.append("\n  deleted  ").append(ArtifactNames.printable(name)));
    out.result(json, text.toString());
  }
}
