package io.stork.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.client.ArtifactReplicas;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorkException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clusters of other shapes: zones, capabilities, and fewer nodes than the replication factor. */
class ClusterShapeTest {

  @Test
  void replicasSpreadOverEveryZone(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir,
        "stork.chunk-size = 64KiB\nstork.embedded.storage-nodes = 6\nstork.embedded.zones = [a, b, c]")) {
      cluster.client().upload("zoned", TestData.random(40 * 64 * 1024, 21));
      List<NodeStatus> nodes = cluster.client().nodes();
      var zoneOf = nodes.stream().collect(Collectors.toMap(NodeStatus::id, NodeStatus::zone));
      for (ArtifactReplicas.ChunkReplicas chunk : cluster.client().locate("zoned").chunks()) {
        Set<String> zones = chunk.nodeIds().stream().map(zoneOf::get).collect(Collectors.toSet());
        assertEquals(Set.of("a", "b", "c"), zones, chunk.chunk().id().toString());
      }
      // Least used first: 40 chunks x 3 replicas over 6 nodes land 20 on each.
      nodes.forEach(node -> assertEquals(20, node.chunks(), node.id()));
    }
  }

  @Test
  void nodesDeclareTheirConfiguredCapabilitiesAndKeepThemOnARestart(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir,
        "stork.embedded.storage-nodes = 3\nstork.embedded.capabilities = [[ssd, gpu], hdd]")) {
      cluster.stopStorageNode("sn-3");
      cluster.awaitNode("sn-3", false, Duration.ofSeconds(10));
      cluster.restartStorageNode("sn-3");
      cluster.awaitNode("sn-3", true, Duration.ofSeconds(10));
      Map<String, List<String>> declared = cluster.client().nodes().stream()
          .collect(Collectors.toMap(NodeStatus::id, NodeStatus::capabilities));
      assertEquals(Map.of("sn-1", List.of("ssd", "gpu"), "sn-2", List.of("hdd"), "sn-3", List.of("ssd", "gpu")), declared);
    }
  }

  @Test
  void anUploadWithFewerLiveNodesThanReplicasIsRefusedAndLeavesNothing(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "stork.embedded.storage-nodes = 2")) {
      StorkException error = assertThrows(StorkException.class, () -> cluster.client().upload("x", new byte[10]));
      assertEquals("need 3 live storage nodes with room, have 2", error.getMessage());
      assertEquals(0, cluster.client().allArtifacts("").size());
      assertEquals(Set.of(), ClusterFixture.chunksOnAnyDisk(cluster));
    }
  }
}
