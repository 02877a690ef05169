package io.stork.namenode;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.stork.storagenode.StorageNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariant 5 for peers: malformed messages and false reports neither stop an actor nor lose data. */
class BadPeerTest {

  @Test
  void malformedMessagesAreRefusedAndEverythingGoesOn(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "")) {
      cluster.nameNode().tell(new NameNode.BeginUpload(null, false, List.of(), null));
      cluster.nameNode().tell(new NameNode.Delete("x", null));
      cluster.nameNode().tell(new NameNode.Subscribe(null));
      cluster.nameNode().tell(new NameNode.ListNames(null, 5, null));
      cluster.nameNode().tell(new NameNode.ReportBadReplica(null, "sn-1"));
      for (int i = 0; i < 40_000; i++) { // ids nobody has: they must not grow the name node's tables
        cluster.nameNode().tell(new NameNode.ReportBadReplica("0123456789abcdef0123456789abcdef", "ghost-" + i));
      }
      cluster.client().upload("still-works", "yes".getBytes());
      NameNode.ChunkLocation chunk = cluster.client().locate("still-works").chunks().get(0);
      StorageNode.Command[] malformed = {
          new StorageNode.StoreChunk(chunk.chunkId(), null, 0, List.of(), null),
          new StorageNode.StoreChunk(chunk.chunkId(), new byte[1], 0, Arrays.asList((org.apache.pekko.actor.typed.ActorRef<StorageNode.Command>) null), null),
          new StorageNode.ReadChunk(chunk.chunkId(), null),
          new StorageNode.CopyChunk(chunk.chunkId(), null, null),
          new StorageNode.DeleteChunks(null),
          new StorageNode.Describe(null)};
      for (StorageNode.Command message : malformed) {
        chunk.nodes().forEach(node -> node.tell(message));
      }
      assertArrayEquals("yes".getBytes(), cluster.client().getBytes("still-works"));
      cluster.client().upload("after", "more".getBytes());
      assertArrayEquals("more".getBytes(), cluster.client().getBytes("after"));
    }
  }

  @Test
  void aFalseBadReplicaReportMovesAReplicaButLosesNothing(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "stork.garbage-grace = 200ms")) {
      byte[] content = TestData.random(300_000, 51);
      cluster.client().upload("healthy", content);
      for (NameNode.ChunkLocation chunk : cluster.client().locate("healthy").chunks()) {
        chunk.nodeIds().forEach(node -> cluster.nameNode().tell(new NameNode.ReportBadReplica(chunk.chunkId(), node)));
      }
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ClusterFixture.assertHealed(cluster, 3));
      assertArrayEquals(content, cluster.client().getBytes("healthy"));
    }
  }
}
