package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;
import static io.stork.shell.Table.Column.left;
import static io.stork.shell.Table.Column.right;
import static io.stork.shell.Table.cell;
import static io.stork.shell.Table.styled;

import io.stork.client.ArtifactReplicas;
import io.stork.client.ArtifactReplicas.ChunkReplicas;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.NodeState;
import io.stork.protocol.NodeStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/** What {@code list} and {@code list NAME} print, made from the name node's answers. */
public final class StatusView {
  private static final AttributedStyle GREEN = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  private static final AttributedStyle YELLOW = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
  private static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  // sn-2 before sn-10: compare the digits at the end as a number.
  static final Comparator<String> NATURAL = Comparator
      .comparing((String id) -> id.replaceAll("\\d+$", ""))
      .thenComparingLong(id -> id.matches(".*\\d$") ? Long.parseLong(id.replaceAll("^.*?(\\d+)$", "$1")) : -1)
      .thenComparing(Comparator.naturalOrder());

  private StatusView() {}

  /** Lines of totals under the tables of {@link #cluster}. */
  static final int FOOTER_LINES = 3;

  /** The node table, the artifact table (rows fitted to {@code width} columns, 0: whole) and the totals. */
  public static List<AttributedString> cluster(List<NodeStatus> nodes, List<ArtifactStatus> artifacts, ClusterSummary status,
                                               int width) {
    List<AttributedString> lines = new ArrayList<>();
    if (status.inSafeMode()) {
      lines.add(new AttributedString("SAFE MODE: " + status.safeMode(), YELLOW));
      lines.add(AttributedString.EMPTY);
    }
    lines.addAll(nodes(nodes));
    lines.add(AttributedString.EMPTY);
    if (artifacts.isEmpty()) {
      lines.add(new AttributedString("no artifacts yet (upload NAME CONTENT... stores one)"));
    } else {
      lines.addAll(artifacts(artifacts, status.replication(), width, false));
    }
    lines.add(AttributedString.EMPTY);
    long count = status.artifacts();
    lines.add(new AttributedString(status.nodesUp() + " of " + status.nodesTotal() + " nodes up; " + count
        + (count == 1 ? " artifact, " : " artifacts, ") + Sizes.format(status.bytes()) + "; replication " + status.replication()
        + ", chunk size " + Sizes.format(status.chunkSize())));
    lines.add(new AttributedString("chunks under-replicated: " + status.underReplicatedChunks()
        + ", unavailable: " + status.unavailableChunks()));
    lines.add(new AttributedString("repair copies running: " + status.copiesInFlight()
        + ", replicas restored: " + status.chunksRepaired() + " (" + Sizes.format(status.bytesRepaired()) + ")"));
    return lines;
  }

  static List<AttributedString> nodes(List<NodeStatus> nodes) {
    Table table = new Table(left("NODE"), left("STATE"), left("ZONE"), left("CAPABILITIES"), right("CHUNKS"), right("USED"),
        right("CAPACITY"));
    nodes.stream().sorted(Comparator.comparing(NodeStatus::id, NATURAL)).forEach(n -> table.row(
        cell(n.id()),
        styled(n.state().label(), n.state() == NodeState.UP ? GREEN : n.state() == NodeState.UNREACHABLE ? YELLOW : RED),
        cell(n.zone() == null || n.zone().isEmpty() ? "-" : n.zone()),
        cell(capabilities(n.capabilities())),
        cell(Long.toString(n.chunks())),
        cell(Sizes.format(n.usedBytes())),
        cell(n.capacityBytes() > 0 ? Sizes.format(n.capacityBytes()) : "-")));
    return table.render();
  }

  /** A node's capabilities as its column shows them: {@code ssd,gpu}, {@code -} for none. */
  private static String capabilities(List<String> names) {
    return names == null || names.isEmpty() ? "-" : String.join(",", names);
  }

  static List<AttributedString> artifacts(List<ArtifactStatus> artifacts, int replication) {
    return artifacts(artifacts, replication, 0, false);
  }

  /**
   * The artifact table, fitted to {@code width} by eliding long names in the middle (0: whole);
   * {@code long}: whole names, with the commit time and the start of the SHA-256.
   */
  static List<AttributedString> artifacts(List<ArtifactStatus> artifacts, int replication, int width, boolean longForm) {
    Table table = longForm
        ? new Table(left("ARTIFACT"), right("SIZE"), right("VERSION"), right("CHUNKS"), right("REPLICAS"), left("HEALTH"),
            left("COMMITTED"), left("SHA256"))
        : new Table(left("ARTIFACT"), right("SIZE"), right("VERSION"), right("CHUNKS"), right("REPLICAS"), left("HEALTH"));
    for (ArtifactStatus a : artifacts) {
      String health = health(a, replication);
      List<Table.Cell> row = new ArrayList<>(List.of(cell(printable(a.name())),
          cell(Sizes.format(a.size())),
          cell(Long.toString(a.version())),
          cell(Integer.toString(a.chunks())),
          cell(a.liveReplicas() + "/" + (long) a.chunks() * replication),
          styled(health, switch (health) {
            case "healthy" -> GREEN;
            case "unavailable" -> RED;
            default -> YELLOW;
          })));
      if (longForm) {
        row.add(cell(time(a.committedAtMillis())));
        row.add(cell(a.sha256()));
      }
      table.row(row.toArray(Table.Cell[]::new));
    }
    return (longForm ? table : table.fit(width, 0)).render();
  }

  /** A commit time in this machine's zone, to the second. */
  static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneId.systemDefault()));
  }

  /** healthy: every chunk at the replication factor; unavailable: some chunk has no live replica. */
  static String health(ArtifactStatus a, int replication) {
    long wanted = (long) a.chunks() * replication;
    if (a.chunks() > 0 && a.minLiveReplicas() == 0) {
      return "unavailable";
    }
    if (a.liveReplicas() < wanted || a.minLiveReplicas() < replication && a.chunks() > 0) {
      return "under-replicated";
    }
    return a.liveReplicas() > wanted ? "over-replicated" : "healthy";
  }

  static List<AttributedString> artifact(ArtifactReplicas replicas) {
    return artifact(replicas, false, Integer.MAX_VALUE);
  }

  /**
   * {@code list NAME}: a summary line, the whole SHA-256 (as sha256sum prints it), then a row per
   * chunk (at most {@code limit}) with the nodes holding it; {@code longIds}: chunk ids whole.
   */
  static List<AttributedString> artifact(ArtifactReplicas replicas, boolean longIds, int limit) {
    ArtifactVersion version = replicas.version();
    List<AttributedString> lines = new ArrayList<>();
    int chunks = version.chunks().size();
    lines.add(new AttributedString(printable(version.name()) + ": version " + version.version() + ", "
        + Sizes.format(version.size()) + " in " + chunks + (chunks == 1 ? " chunk" : " chunks") + ", committed "
        + time(version.committedAtMillis())));
    lines.add(new AttributedString("sha256 " + version.sha256()));
    if (!version.requiredCapabilities().isEmpty()) {
      lines.add(new AttributedString("required capabilities: " + String.join(", ", version.requiredCapabilities())));
    }
    if (chunks > 0) {
      List<ChunkReplicas> shown = replicas.chunks().subList(0, Math.min(limit, chunks));
      lines.addAll(chunks(shown, replicas.replication(), longIds));
      if (shown.size() < chunks) {
        lines.add(new AttributedString("... " + (chunks - shown.size()) + " more chunks (--limit " + limit + ")"));
      }
    }
    return lines;
  }

  static List<AttributedString> chunks(List<ChunkReplicas> chunks, int replication) {
    return chunks(chunks, replication, false);
  }

  static List<AttributedString> chunks(List<ChunkReplicas> chunks, int replication, boolean longIds) {
    Table table = new Table(right("CHUNK"), left("ID"), right("SIZE"), right("REPLICAS"), left("NODES"));
    for (int i = 0; i < chunks.size(); i++) {
      List<String> nodes = chunks.get(i).nodeIds().stream().sorted(NATURAL).toList();
      table.row(cell(Integer.toString(i)),
          cell(longIds ? chunks.get(i).chunk().id().toString() : chunks.get(i).chunk().id().toString().substring(0, 12)),
          cell(Sizes.format(chunks.get(i).chunk().size())),
          styled(nodes.size() + "/" + replication, nodes.isEmpty() ? RED : nodes.size() < replication ? YELLOW : GREEN),
          cell(nodes.isEmpty() ? "-" : String.join(" ", nodes)));
    }
    return table.render();
  }
}
