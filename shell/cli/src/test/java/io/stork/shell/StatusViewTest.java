package io.stork.shell;

import io.stork.protocol.NameNodeProtocol.ChunkLocation;
import io.stork.protocol.NodeRef;
import io.stork.protocol.NameNodeProtocol;
import io.stork.client.ArtifactReplicas;
import io.stork.protocol.NodeState;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.ArtifactStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import java.util.List;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class StatusViewTest {
  static final String ID_A = "0123456789abcdef0123456789abcdef";
  static final String ID_B = "fedcba9876543210fedcba9876543210";

  private static List<String> plain(List<AttributedString> lines) {
    return lines.stream().map(AttributedString::toString).toList();
  }

  private static ArtifactStatus artifact(String name, int chunks, long live, int min) {
    return new ArtifactStatus(name, 2, 3000, "ab".repeat(32), chunks, live, min, 0, List.of());
  }

  @Test
  void nodesInNaturalOrderWithZonesCapabilitiesAndSizes() {
    List<NodeStatus> nodes = List.of(
        new NodeStatus("sn-10", NodeState.UP, "", List.of(), 3, 3 << 20, 64L << 30, ""),
        new NodeStatus("sn-2", NodeState.DEAD, "eu-1", List.of("hdd"), 0, 0, 0, ""),
        new NodeStatus("sn-1", NodeState.UP, "eu-2", List.of("ssd", "gpu"), 12, 1536, 64L << 30, ""));
    assertEquals(List.of(
        "NODE   STATE  ZONE  CAPABILITIES  CHUNKS     USED  CAPACITY",
        "sn-1   up     eu-2  ssd,gpu           12  1.5 KiB    64 GiB",
        "sn-2   dead   eu-1  hdd                0      0 B         -",
        "sn-10  up     -     -                  3    3 MiB    64 GiB"), plain(StatusView.nodes(nodes)));
  }

  @Test
  void artifactsWithReplicasAndHealth() {
    List<ArtifactStatus> artifacts = List.of(artifact("a", 2, 6, 3), artifact("b", 2, 4, 1), artifact("日本", 1, 0, 0));
    assertEquals(List.of(
        "ARTIFACT     SIZE  VERSION  CHUNKS  REPLICAS  HEALTH",
        "a         2.9 KiB        2       2       6/6  healthy",
        "b         2.9 KiB        2       2       4/6  under-replicated",
        "日本      2.9 KiB        2       1       0/3  unavailable"), plain(StatusView.artifacts(artifacts, 3)));
  }

  @Test
  void health() {
    assertEquals("healthy", StatusView.health(artifact("a", 0, 0, 3), 3)); // empty content: no chunks at all
    assertEquals("healthy", StatusView.health(artifact("a", 4, 12, 3), 3));
    assertEquals("under-replicated", StatusView.health(artifact("a", 4, 11, 2), 3));
    assertEquals("under-replicated", StatusView.health(artifact("a", 2, 6, 2), 3)); // one short, one extra
    assertEquals("unavailable", StatusView.health(artifact("a", 4, 9, 0), 3));
    assertEquals("over-replicated", StatusView.health(artifact("a", 1, 4, 4), 3));
  }

  @Test
  void anArtifactShowsItsRequiredCapabilitiesWhenItHasAny() {
    List<ChunkRef> chunks = List.of(new ChunkRef(ChunkId.parse(ID_A), 100, 0));
    List<ChunkLocation> locations = List.of(new ChunkLocation(ChunkId.parse(ID_A), nodes("sn-1", "sn-2", "sn-3")));
    List<String> required = plain(StatusView.artifact(replicas(
        new ArtifactVersion("fast", 1, 100, "ab".repeat(32), chunks, 0, List.of("ssd", "gpu")), locations)));
    assertEquals(5, required.size(), required.toString());
    assertEquals("sha256 " + "ab".repeat(32), required.get(1), "whole, as sha256sum prints it");
    assertEquals("required capabilities: ssd, gpu", required.get(2));
    assertEquals("CHUNK  ID             SIZE  REPLICAS  NODES", required.get(3));
    List<String> any = plain(StatusView.artifact(replicas(
        new ArtifactVersion("any", 1, 100, "ab".repeat(32), chunks, 0, List.of()), locations)));
    assertEquals(4, any.size(), any.toString());
    assertEquals("CHUNK  ID             SIZE  REPLICAS  NODES", any.get(2));
    List<String> longIds = plain(StatusView.artifact(replicas(
        new ArtifactVersion("any", 1, 100, "ab".repeat(32), chunks, 0, List.of()), locations), true, 10));
    assertEquals("    0  " + ID_A + "  100 B       3/3  sn-1 sn-2 sn-3", longIds.get(3), "--long: the whole id");
  }

  @Test
  void longNamesAreElidedInTheMiddleToFitTheTerminalAndWholeInTheLongForm() {
    String a = "releases/" + "x".repeat(80) + "-1.0.jar";
    String b = "releases/" + "x".repeat(80) + "-2.0.jar";
    List<String> rows = plain(StatusView.artifacts(List.of(artifact(a, 1, 3, 3), artifact(b, 1, 3, 3)), 3, 80, false));
    rows.forEach(row -> assertTrue(new AttributedString(row).columnLength() <= 80, row));
    assertTrue(rows.get(1).startsWith("releases/xx") && rows.get(1).contains("…") && rows.get(1).contains("-1.0.jar"), rows.get(1));
    assertTrue(rows.get(2).contains("-2.0.jar"), "two names that differ at the end still differ");
    List<String> whole = plain(StatusView.artifacts(List.of(artifact(a, 1, 3, 3)), 3, 80, true));
    assertTrue(whole.get(1).startsWith(a + " "), whole.get(1));
  }

  @Test
  void chunksWithTheirReplicas() {
    List<ChunkRef> chunks = List.of(new ChunkRef(ChunkId.parse(ID_A), 65536, 0), new ChunkRef(ChunkId.parse(ID_B), 100, 0));
    List<ChunkLocation> locations = List.of(
        new ChunkLocation(ChunkId.parse(ID_A), nodes("sn-3", "sn-1", "sn-10")),
        new ChunkLocation(ChunkId.parse(ID_B), List.of()));
    ArtifactReplicas replicas = replicas(new ArtifactVersion("two", 1, 65636, "ab".repeat(32), chunks, 0, List.of()), locations);
    assertEquals(List.of(
        "CHUNK  ID              SIZE  REPLICAS  NODES",
        "    0  0123456789ab  64 KiB       3/3  sn-1 sn-3 sn-10",
        "    1  fedcba987654   100 B       0/3  -"), plain(StatusView.chunks(replicas.chunks(), 3)));
  }

  private static List<NodeRef> nodes(String... ids) {
    return java.util.Arrays.stream(ids).map(id -> new NodeRef(id, null, "")).toList();
  }

  private static ArtifactReplicas replicas(ArtifactVersion version, List<ChunkLocation> locations) {
    return ArtifactReplicas.of(new NameNodeProtocol.Located(version, locations, 3));
  }
}
