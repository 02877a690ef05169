package io.stork.shell;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "history", header = "the commands typed at the prompt, the newest last", customSynopsis = "history [N]",
    description = "Shows the last N (default 20) lines typed at the prompt, numbered, from the history kept in ~/.stork_history "
        + "across sessions. Up and Ctrl-R recall them while typing.")
final class HistoryCommand implements ShellCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "how many lines (default 20)")
  String count;

  @Mixin
  Common common;

  @Override
  public void run(Session session, Output out) {
    int wanted = count == null ? 20 : Numbers.positive(count, "history");
    List<String> all = session.history();
    int from = Math.max(0, all.size() - wanted);
    Map<String, Object> json = Json.result("history");
    json.put("lines", all.subList(from, all.size()));
    StringBuilder text = new StringBuilder();
    for (int i = from; i < all.size(); i++) {
      text.append(String.format("%5d  %s%n", i + 1, io.stork.protocol.ArtifactNames.printable(all.get(i))));
    }
    if (all.isEmpty()) {
      text.append("no history: it is kept for the lines typed at the prompt\n");
    }
    out.result(json, text.toString().stripTrailing());
  }
}
