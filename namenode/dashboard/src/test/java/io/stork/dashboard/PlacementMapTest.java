package io.stork.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NameNodeProtocol.ChunkLocation;
import io.stork.protocol.NameNodeProtocol.Located;
import io.stork.protocol.NodeRef;
import io.stork.protocol.NodeState;
import io.stork.protocol.NodeStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementMapTest {
  private static final ChunkRef FIRST = new ChunkRef(ChunkId.random(), 1000, 1);
  private static final ChunkRef SECOND = new ChunkRef(ChunkId.random(), 500, 2);
  private static final ArtifactVersion VERSION = new ArtifactVersion("app.jar", 2, 1500, "ab".repeat(32), List.of(FIRST, SECOND),
      1234, List.of("ssd"));

  private static NodeRef node(String id) {
    return new NodeRef(id, null, "");
  }

  /** sn-3 died: chunk 1 lost its replica there; chunk 2 was copied to sn-4 already. */
  private static final Located LOCATED = new Located(VERSION, List.of(
      new ChunkLocation(FIRST.id(), List.of(node("sn-1"), node("sn-2"))),
      new ChunkLocation(SECOND.id(), List.of(node("sn-2"), node("sn-4"), node("sn-1")))), 3);

  @Test
  void aRowCountsEachNodesChunksAndTheMissingReplicas() {
    ArtifactStatus status = new ArtifactStatus("app.jar", 2, 1500, "ab".repeat(32), 2, 5, 2, 1234, List.of("ssd"));
    Views.Row row = PlacementMap.row(status, LOCATED);
    assertEquals(Map.of("sn-1", 2, "sn-2", 2, "sn-4", 1), row.replicas());
    assertEquals(1, row.missing());
    assertEquals(2, row.chunks());
    assertEquals(2, row.version());
  }

  @Test
  void anArtifactsPageListsEveryChunkWithItsReplicasSorted() {
    List<NodeStatus> nodes = List.of(new NodeStatus("sn-1", NodeState.UP, "a", List.of("ssd"), 2, 1500, 1 << 30, ""),
        new NodeStatus("sn-3", NodeState.DEAD, "b", List.of("ssd"), 0, 0, 1 << 30, ""));
    Views.Artifact page = PlacementMap.artifact(LOCATED, nodes);
    assertEquals(List.of(new Views.Chunk(0, FIRST.id().toString(), 1000, List.of("sn-1", "sn-2"), 1),
        new Views.Chunk(1, SECOND.id().toString(), 500, List.of("sn-1", "sn-2", "sn-4"), 0)), page.chunks());
    assertEquals(List.of("ssd"), page.requiredCapabilities());
    assertEquals(nodes, page.nodes());
    assertEquals(List.of("sn-1", "sn-3"), PlacementMap.placement(nodes, List.of(), 7, true).nodes());
  }
}
