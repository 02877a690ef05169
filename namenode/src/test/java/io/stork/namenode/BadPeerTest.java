package io.stork.namenode;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.storagenode.ChunkIds;
import io.stork.storagenode.StorageNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
      cluster.nameNode().tell(new NameNode.ReportBadReplica("../evil", "sn-1"));
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

  /**
   * A storage node whose reports name things that are not chunk ids: the name node ignores them
   * (it neither counts them nor asks for their deletion) and handles the rest of the report.
   */
  @Test
  void chunkIdsAStorageNodeReportsThatAreNotIdsAreIgnored(@TempDir Path dir) {
    String orphan = ChunkIds.random();
    List<String> malformed = List.of("../evil", orphan.toUpperCase(), orphan.substring(1), orphan + "0", "");
    List<String> reported = new ArrayList<>(malformed);
    reported.add(orphan);
    Queue<List<String>> deletes = new ConcurrentLinkedQueue<>();
    StorageNodeWrapper liar = (nodeId, node) -> nodeId.equals("sn-1") ? Behaviors.intercept(
        () -> new BehaviorInterceptor<StorageNode.Command, StorageNode.Command>(StorageNode.Command.class) {
          @Override
          public Behavior<StorageNode.Command> aroundReceive(TypedActorContext<StorageNode.Command> context,
                                                             StorageNode.Command message, ReceiveTarget<StorageNode.Command> target) {
            Behavior<StorageNode.Command> next = target.apply(context, message); // the node's own answer first
            if (message instanceof StorageNode.Describe describe) {
              describe.replyTo().tell(new StorageNode.ReplicaDamaged(nodeId, "../evil"));
              describe.replyTo().tell(new StorageNode.Description(nodeId, "", List.of(), 1L << 30, 0, reported, context.asJava().getSelf()));
            } else if (message instanceof StorageNode.DeleteChunks delete) {
              deletes.add(delete.chunkIds());
            }
            return next;
          }
        }, node) : node;
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "", liar)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> deletes.stream().anyMatch(ids -> ids.contains(orphan)));
      assertTrue(deletes.stream().flatMap(List::stream).noneMatch(malformed::contains), deletes.toString());
      cluster.client().upload("still-works", "yes".getBytes());
      assertArrayEquals("yes".getBytes(), cluster.client().getBytes("still-works"));
      assertEquals(cluster.nodeIds().size(), cluster.client().status().nodes().stream().filter(n -> n.state().equals("up")).count());
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
