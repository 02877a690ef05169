package io.stork.shell;

import io.stork.protocol.NameNodeProtocol.RepairLimits;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "repair", header = "show or change how hard the store works at re-replication",
    customSynopsis = "repair [--copies N] [--rate SIZE]",
    description = "Without flags, shows the repair limits in force and the work left: chunks waiting for a copy and copies "
        + "running. The flags change the limits at once, on the name node, until it restarts (stork.repair.max-copies-per-node "
        + "and stork.repair.bytes-per-second-per-node keep them across restarts).")
final class RepairCommand implements ShellCommand {
  @Option(names = "--copies", paramLabel = "N", description = "copies each storage node takes part in at a time (at least 1)")
  String copies;

  @Option(names = "--rate", paramLabel = "SIZE", description = "bytes a second each storage node spends on repair copies: "
      + "64MiB, 500KiB...; 0 for no limit")
  String rate;

  @Mixin
  Common common;

  @Override
  public void run(Session session, Output out) {
    RepairLimits limits = session.client().repairLimits();
    if (copies != null || rate != null) {
      int copiesPerNode = copies == null ? limits.copiesPerNode() : Numbers.positive(copies, "--copies");
      long bytesPerSecond = rate == null ? limits.bytesPerSecondPerNode() : rate(rate);
      limits = session.client().setRepairLimits(copiesPerNode, bytesPerSecond);
    }
    Map<String, Object> json = Json.result("repair");
    json.put("copiesPerNode", limits.copiesPerNode());
    json.put("bytesPerSecondPerNode", limits.bytesPerSecondPerNode());
    json.put("queuedChunks", limits.queuedChunks());
    json.put("copiesInFlight", limits.copiesInFlight());
    out.result(json, "repair: " + limits.copiesPerNode() + (limits.copiesPerNode() == 1 ? " copy" : " copies")
        + " per node at a time, " + (limits.bytesPerSecondPerNode() == 0 ? "no rate limit"
        : Sizes.format(limits.bytesPerSecondPerNode()) + "/s per node")
        + "\n        " + limits.queuedChunks() + (limits.queuedChunks() == 1 ? " chunk" : " chunks") + " waiting, "
        + limits.copiesInFlight() + (limits.copiesInFlight() == 1 ? " copy" : " copies") + " running");
  }

  private static long rate(String text) {
    try {
      return Sizes.parse(text.endsWith("/s") ? text.substring(0, text.length() - 2) : text);
    } catch (IllegalArgumentException e) {
      throw new CommandException("--rate: " + e.getMessage());
    }
  }
}
