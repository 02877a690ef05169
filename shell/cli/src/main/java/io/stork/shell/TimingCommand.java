package io.stork.shell;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "timing", header = "show how long each command takes", customSynopsis = "timing on|off",
    description = "With timing on, each command is followed by its duration (time: 12ms), on stderr, so that the results on "
        + "stdout stay as they are.")
final class TimingCommand implements ShellCommand {
  @Parameters(index = "0", paramLabel = "on|off", description = "on or off", completionCandidates = OnOff.class)
  String state;

  @Mixin
  Common common;

  /** The words of timing. */
  static final class OnOff extends Candidates {
    @Override
    List<String> words() {
      return List.of("on", "off");
    }
  }

  @Override
  public void run(Session session, Output out) {
    if (!state.equals("on") && !state.equals("off")) {
      throw new CommandException("timing takes on or off, not '" + io.stork.protocol.ArtifactNames.printable(state) + "'");
    }
    session.timing(state.equals("on"));
    Map<String, Object> json = Json.result("timing");
    json.put("on", session.timing());
    out.result(json, "timing is " + state);
  }
}
