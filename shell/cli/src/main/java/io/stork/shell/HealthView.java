package io.stork.shell;

import io.stork.protocol.ClusterSummary;
import io.stork.protocol.NodeState;
import io.stork.protocol.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/** What {@code status} shows, in the manner of {@code ceph -s}: health and why, nodes, data, repair with its rate and ETA. */
final class HealthView {
  private HealthView() {}

  /** healthy, degraded (a node down, chunks short of replicas, copies running) or unavailable (a chunk without a live replica). */
  static String health(ClusterSummary s, List<NodeStatus> nodes) {
    if (s.unavailableChunks() > 0) {
      return "unavailable";
    }
    return s.underReplicatedChunks() > 0 || s.copiesInFlight() > 0 || nodes.stream().anyMatch(n -> !n.isUp()) ? "degraded" : "healthy";
  }

  static List<String> reasons(ClusterSummary s, List<NodeStatus> nodes) {
    List<String> reasons = new ArrayList<>();
    if (s.unavailableChunks() > 0) {
      reasons.add(s.unavailableChunks() + plural(s.unavailableChunks(), " chunk has", " chunks have") + " no live replica");
    }
    nodes.stream().filter(n -> !n.isUp()).sorted((a, b) -> StatusView.NATURAL.compare(a.id(), b.id()))
        .forEach(n -> reasons.add(n.id() + " " + n.state().label()));
    if (s.underReplicatedChunks() > 0) {
      reasons.add(s.underReplicatedChunks() + plural(s.underReplicatedChunks(), " chunk", " chunks") + " under-replicated");
    }
    return reasons;
  }

  static Map<String, Object> json(ClusterSummary s, List<NodeStatus> nodes, RepairRate rate) {
    Map<String, Object> o = Json.result("status");
    o.put("health", health(s, nodes));
    o.put("reasons", reasons(s, nodes));
    o.put("safeMode", s.safeMode());
    o.put("nodesUp", s.nodesUp());
    o.put("nodesTotal", s.nodesTotal());
    o.put("nodesDown", nodes.stream().filter(n -> !n.isUp()).map(NodeStatus::id).sorted(StatusView.NATURAL).toList());
    o.put("artifacts", s.artifacts());
    o.put("bytes", s.bytes());
    o.put("chunks", s.chunks());
    o.put("underReplicatedChunks", s.underReplicatedChunks());
    o.put("underReplicatedPercent", percent(s.underReplicatedChunks(), s.chunks()));
    o.put("underReplicatedBytes", s.underReplicatedBytes());
    o.put("underReplicatedBytesPercent", percent(s.underReplicatedBytes(), s.bytes()));
    o.put("unavailableChunks", s.unavailableChunks());
    o.put("copiesInFlight", s.copiesInFlight());
    o.put("chunksRepaired", s.chunksRepaired());
    o.put("bytesRepaired", s.bytesRepaired());
    o.put("repairBytesPerSecond", rate.known() ? Math.round(rate.bytesPerSecond()) : null);
    o.put("repairEtaSeconds", rate.known() && rate.etaSeconds() >= 0 ? Math.round(rate.etaSeconds()) : null);
    o.put("storedBytesPerSecond", rate.known() ? Math.round(rate.storedGrowthPerSecond()) : null);
    return o;
  }

  static List<AttributedString> lines(ClusterSummary s, List<NodeStatus> nodes, RepairRate rate) {
    String health = health(s, nodes);
    List<String> reasons = reasons(s, nodes);
    AttributedStyle style = AttributedStyle.DEFAULT.foreground(switch (health) {
      case "healthy" -> AttributedStyle.GREEN;
      case "degraded" -> AttributedStyle.YELLOW;
      default -> AttributedStyle.RED;
    });
    List<AttributedString> lines = new ArrayList<>();
    lines.add(new org.jline.utils.AttributedStringBuilder().append("health:  ").append(health, style)
        .append(reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")").toAttributedString());
    if (s.inSafeMode()) {
      lines.add(new AttributedString("safe:    on: " + s.safeMode()));
    }
    long down = nodes.stream().filter(n -> n.state() == NodeState.DEAD).count();
    long unreachable = nodes.stream().filter(n -> n.state() == NodeState.UNREACHABLE).count();
    lines.add(new AttributedString("nodes:   " + s.nodesUp() + " of " + s.nodesTotal() + " up"
        + (down > 0 ? ", " + down + " dead" : "") + (unreachable > 0 ? ", " + unreachable + " unreachable" : "")));
    String growth = rate.known() && Math.abs(rate.storedGrowthPerSecond()) >= 1
        ? ", " + (rate.storedGrowthPerSecond() > 0 ? "growing " : "shrinking ") + Sizes.format((long) Math.abs(rate.storedGrowthPerSecond()))
        + "/s" : "";
    lines.add(new AttributedString("data:    " + s.artifacts() + plural(s.artifacts(), " artifact", " artifacts") + ", "
        + Sizes.format(s.bytes()) + " in " + s.chunks() + plural(s.chunks(), " chunk", " chunks") + "; replication "
        + s.replication() + growth));
    List<String> repair = repairParts(s, rate);
    lines.add(new AttributedString("repair:  " + repair.get(0)));
    repair.subList(1, repair.size()).forEach(part -> lines.add(new AttributedString("         " + part)));
    return lines;
  }

  /** {@code 41 chunks under-replicated (31.5%, 12 MiB); 4 copies running at 8.1 MiB/s, ETA 2s}: in one line. */
  static String repair(ClusterSummary s, RepairRate rate) {
    return String.join("; ", repairParts(s, rate));
  }

  /** What is left, then the copies running with their pace: two parts, each short enough for a line at 80 columns. */
  private static List<String> repairParts(ClusterSummary s, RepairRate rate) {
    if (s.underReplicatedChunks() == 0 && s.copiesInFlight() == 0) {
      return List.of("nothing to do; " + s.chunksRepaired() + plural(s.chunksRepaired(), " replica (", " replicas (")
          + Sizes.format(s.bytesRepaired()) + ") restored since the name node started");
    }
    String pace = !rate.known() ? "" : " at " + Sizes.format((long) rate.bytesPerSecond()) + "/s"
        + (rate.etaSeconds() >= 0 ? ", ETA " + ProgressBar.eta(rate.etaSeconds()) : "");
    return List.of(s.underReplicatedChunks() + plural(s.underReplicatedChunks(), " chunk", " chunks") + " under-replicated ("
        + String.format(Locale.ROOT, "%.1f%%", percent(s.underReplicatedChunks(), s.chunks())) + ", "
        + Sizes.format(s.underReplicatedBytes()) + ")", s.copiesInFlight() + plural(s.copiesInFlight(), " copy", " copies")
        + " running" + pace);
  }

  /** {@code 41 chunks left (12 MiB), 4 copies running, 8.1 MiB/s, ETA 2s}: the line wait redraws. */
  static String progress(ClusterSummary s, RepairRate rate) {
    String pace = !rate.known() ? "" : ", " + Sizes.format((long) rate.bytesPerSecond()) + "/s"
        + (rate.etaSeconds() >= 0 ? ", ETA " + ProgressBar.eta(rate.etaSeconds()) : "");
    return s.underReplicatedChunks() + plural(s.underReplicatedChunks(), " chunk", " chunks") + " left ("
        + Sizes.format(s.underReplicatedBytes()) + "), " + s.copiesInFlight() + plural(s.copiesInFlight(), " copy", " copies")
        + " running" + pace;
  }

  static double percent(long part, long whole) {
    return whole <= 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
  }

  static String plural(long count, String one, String many) {
    return count == 1 ? one : many;
  }
}
