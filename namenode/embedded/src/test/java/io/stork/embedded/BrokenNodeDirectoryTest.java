package io.stork.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken node directory costs only that node: the embedded store starts on the others and says which failed and why. */
class BrokenNodeDirectoryTest {
  @TempDir Path dir;

  @Test
  void aNodeDirectoryReplacedByAFileCostsOnlyThatNode() throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("sn-3"), "not a directory");
    Files.createDirectories(dir.resolve("sn-5"));
    Files.writeString(dir.resolve("sn-5/chunks"), "not a directory either");
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "stork.embedded.storage-nodes = 5")) {
      assertEquals(List.of(
          new EmbeddedCluster.NodeFailure("sn-3", dir.resolve("sn-3") + " is not a directory (a file is in the way)"),
          new EmbeddedCluster.NodeFailure("sn-5", dir.resolve("sn-5/chunks") + " is not a directory (a file is in the way)")),
          cluster.nodeFailures().stream().sorted(java.util.Comparator.comparing(EmbeddedCluster.NodeFailure::nodeId)).toList());
      assertEquals(Set.of("sn-1", "sn-2", "sn-4"), cluster.client().nodes().stream().filter(NodeStatus::isUp)
          .map(NodeStatus::id).collect(Collectors.toSet()));
      assertEquals(Set.of("sn-1", "sn-2", "sn-4"), cluster.runningNodes());
      byte[] content = TestData.random(200_000, 1);
      cluster.client().upload("a", content);
      assertArrayEquals(content, cluster.client().getBytes("a"));
      assertEquals("not a directory", Files.readString(dir.resolve("sn-3")), "the file in the way is left alone");

      Files.delete(dir.resolve("sn-3"));
      cluster.restartStorageNode("sn-3"); // mended: it starts, and is no longer a failure
      cluster.awaitNode("sn-3", true, java.time.Duration.ofSeconds(20));
      assertEquals(List.of("sn-5"), cluster.nodeFailures().stream().map(EmbeddedCluster.NodeFailure::nodeId).toList());
    }
  }

  @Test
  void whenNoNodeCanStartTheStartFailsSayingWhy() throws Exception {
    Files.writeString(dir.resolve("sn-1"), "x");
    Files.writeString(dir.resolve("sn-2"), "x");
    StorkException refused = assertThrows(StorkException.class,
        () -> ClusterFixture.start(dir, "stork.embedded.storage-nodes = 2\nstork.replication = 1").close());
    assertTrue(refused.getMessage().startsWith("no storage node could start ("), refused.getMessage());
    assertTrue(refused.getMessage().contains("sn-1: " + dir.resolve("sn-1") + " is not a directory"), refused.getMessage());
    assertTrue(refused.getMessage().contains("sn-2: " + dir.resolve("sn-2") + " is not a directory"), refused.getMessage());
  }
}
