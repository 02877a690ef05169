package io.stork.shell;

import io.stork.protocol.NameNodeProtocol.SafeModeStatus;
import io.stork.protocol.ArtifactNames;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "safemode", header = "show whether the name node is in safe mode, or leave it",
    customSynopsis = "safemode [leave]",
    description = "After a start the name node deletes nothing it does not know, and until the storage nodes have reported "
        + "it stays in safe mode. It stays there, refusing new uploads, when what the nodes hold says its metadata is behind "
        + "(see docs/OPERATIONS.md): then 'recover' rebuilds the namespace from the nodes, or 'safemode leave' keeps the "
        + "namespace as it is, and the chunks it does not know go to each node's trash (deleted after stork.orphan-grace).")
final class SafeModeCommand implements ShellCommand {
  @Parameters(arity = "0..1", paramLabel = "leave", description = "leave safe mode now", completionCandidates = Leave.class)
  String action;

  @Mixin
  Common common;

  static final class Leave implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.List.of("leave").iterator();
    }
  }

  @Override
  public void run(Session session, Output out) {
    if (action != null && !action.equals("leave")) {
      throw new CommandException("safemode: unknown action '" + ArtifactNames.printable(action) + "' (only 'leave')");
    }
    SafeModeStatus status = action == null ? session.client().safeMode() : session.client().leaveSafeMode();
    Map<String, Object> json = Json.result("safemode");
    json.put("on", status.on());
    json.put("reason", status.reason());
    out.result(json, status.on() ? "safe mode is on: " + status.reason() : "safe mode is off");
  }
}
