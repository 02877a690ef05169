package io.stork.embedded;

import io.stork.client.ArtifactReplicas;
import io.stork.protocol.ChunkId;
import io.stork.protocol.LeaseId;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeRef;
import io.stork.protocol.StorageNodeProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariant 5 for peers: malformed messages and false reports neither stop an actor nor lose data. */
class BadPeerTest {

  @Test
  void malformedMessagesAreRefusedAndEverythingGoesOn(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "")) {
      cluster.nameNode().tell(new NameNodeProtocol.BeginUpload(null, false, List.of(), List.of(), -1, null));
      cluster.nameNode().tell(new NameNodeProtocol.BeginUpload("x", false, List.of(), Arrays.asList(1, null), -1, null));
      cluster.nameNode().tell(new NameNodeProtocol.CommitUpload(null, 0, null, null, null));
      cluster.nameNode().tell(new NameNodeProtocol.PlaceChunks(LeaseId.random(), List.of(1), List.of(), null));
      cluster.nameNode().tell(new NameNodeProtocol.Delete("x", null));
      cluster.nameNode().tell(new NameNodeProtocol.Subscribe(null));
      cluster.nameNode().tell(new NameNodeProtocol.ListNames(null, 5, null));
      cluster.nameNode().tell(new NameNodeProtocol.ReportBadReplica(null, "sn-1"));
      ChunkId nobodys = ChunkId.random();
      for (int i = 0; i < 40_000; i++) { // ids nobody has: they must not grow the name node's tables
        cluster.nameNode().tell(new NameNodeProtocol.ReportBadReplica(nobodys, "ghost-" + i));
      }
      cluster.client().upload("still-works", "yes".getBytes());
      NameNodeProtocol.ChunkLocation chunk = ClusterFixture.located(cluster, "still-works").chunks().get(0);
      StorageNodeProtocol.Command[] malformed = {
          new StorageNodeProtocol.StoreChunk(chunk.chunkId(), null, 0, List.of(), null),
          new StorageNodeProtocol.StoreChunk(chunk.chunkId(), new byte[1], 0, Arrays.asList((NodeRef) null), null),
          new StorageNodeProtocol.ReadChunk(chunk.chunkId(), null),
          new StorageNodeProtocol.CopyChunk(chunk.chunkId(), null, null),
          new StorageNodeProtocol.DeleteChunks(null),
          new StorageNodeProtocol.Describe(null)};
      for (StorageNodeProtocol.Command message : malformed) {
        chunk.replicas().forEach(node -> node.ref().tell(message));
      }
      assertArrayEquals("yes".getBytes(), cluster.client().getBytes("still-works"));
      cluster.client().upload("after", "more".getBytes());
      assertArrayEquals("more".getBytes(), cluster.client().getBytes("after"));
    }
  }

  /**
   * A storage node whose reports lack fields (a chunk id, an element of its list): the name node
   * refuses them whole, and counts and collects what its well-formed reports say. (Text that is no
   * chunk id never gets this far: such a message does not deserialize, see WireFormatTest.)
   */
  @Test
  void reportsWithMissingFieldsAreRefusedAndWellFormedOnesCount(@TempDir Path dir) {
    ChunkId orphan = ChunkId.random();
    Queue<List<ChunkId>> deletes = new ConcurrentLinkedQueue<>();
    StorageNodeWrapper liar = (nodeId, node) -> nodeId.equals("sn-1") ? Behaviors.intercept(
        () -> new BehaviorInterceptor<StorageNodeProtocol.Command, StorageNodeProtocol.Command>(StorageNodeProtocol.Command.class) {
          @Override
          public Behavior<StorageNodeProtocol.Command> aroundReceive(TypedActorContext<StorageNodeProtocol.Command> context,
                                                             StorageNodeProtocol.Command message, ReceiveTarget<StorageNodeProtocol.Command> target) {
            Behavior<StorageNodeProtocol.Command> next = target.apply(context, message); // the node's own answer first
            if (message instanceof StorageNodeProtocol.Describe describe) {
              describe.replyTo().tell(new StorageNodeProtocol.ReplicaDamaged(nodeId, null));
              describe.replyTo().tell(new StorageNodeProtocol.Description(nodeId, "", List.of(), 1L << 30, 0,
                  Arrays.asList(ChunkId.random(), null), context.asJava().getSelf(), ""));
              describe.replyTo().tell(new StorageNodeProtocol.Description(nodeId, "", List.of(), 1L << 30, 0,
                  List.of(orphan), context.asJava().getSelf(), ""));
            } else if (message instanceof StorageNodeProtocol.TrashChunks trash) {
              deletes.add(trash.chunkIds()); // an orphan goes to the node's trash
            } else if (message instanceof StorageNodeProtocol.DeleteChunks delete) {
              deletes.add(delete.chunkIds());
            }
            return next;
          }
        }, node) : node;
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "", liar)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> deletes.stream().anyMatch(ids -> ids.contains(orphan)));
      assertEquals(List.of(orphan), deletes.stream().flatMap(List::stream).distinct().toList(), "only the orphan is collected");
      cluster.client().upload("still-works", "yes".getBytes());
      assertArrayEquals("yes".getBytes(), cluster.client().getBytes("still-works"));
      assertEquals(cluster.nodeIds().size(), cluster.client().nodes().stream().filter(n -> n.isUp()).count());
    }
  }

  @Test
  void aFalseBadReplicaReportMovesAReplicaButLosesNothing(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "stork.garbage-grace = 200ms")) {
      byte[] content = TestData.random(300_000, 51);
      cluster.client().upload("healthy", content);
      for (ArtifactReplicas.ChunkReplicas chunk : cluster.client().locate("healthy").chunks()) {
        chunk.nodeIds().forEach(node -> cluster.nameNode().tell(new NameNodeProtocol.ReportBadReplica(chunk.chunk().id(), node)));
      }
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ClusterFixture.assertHealed(cluster, 3));
      assertArrayEquals(content, cluster.client().getBytes("healthy"));
    }
  }
}
