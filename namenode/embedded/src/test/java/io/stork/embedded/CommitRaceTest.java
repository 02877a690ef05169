package io.stork.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeRef;
import io.stork.protocol.Refused;
import io.stork.protocol.StorageNodeProtocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replacement placement still on its way when the commit arrives, as a hedged store can leave it:
 * the commit wins, the chunk keeps the replicas that acknowledged it, and the late placement is
 * refused as such, never as a lost lease (which would tell the writer its acknowledged commit failed).
 */
class CommitRaceTest {
  @Test
  void aPlacementOvertakenByTheCommitNeitherUndoesTheChunkNorLosesTheLease(@TempDir Path dir) throws Exception {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "")) {
      byte[] data = "raced".getBytes(StandardCharsets.UTF_8);
      TestProbe<NameNodeProtocol.BeginReply> begun = TestProbe.create(cluster.system());
      cluster.nameNode().tell(new NameNodeProtocol.BeginUpload("race", false, List.of(), List.of(data.length), data.length,
          begun.getRef()));
      NameNodeProtocol.UploadBegun lease = assertInstanceOf(NameNodeProtocol.UploadBegun.class, begun.receiveMessage());
      NameNodeProtocol.Placement placement = lease.placements().get(0);
      List<NodeRef> first = placement.nodes().subList(0, 2);

      TestProbe<StorageNodeProtocol.StoreReply> stores = TestProbe.create(cluster.system());
      for (NodeRef node : first) {
        node.ref().tell(new StorageNodeProtocol.StoreChunk(placement.chunkId(), data, Checksums.crc32c(data), List.of(),
            stores.getRef()));
      }
      for (int i = 0; i < first.size(); i++) {
        assertInstanceOf(StorageNodeProtocol.ChunkStored.class, stores.receiveMessage());
      }

      // The third node was silent: a replacement is asked for, and the commit follows at once. The
      // replica keeper is kept busy first (reports of replicas nobody has), so that its answer to
      // the placement is likely (not certain) to come after the name node has taken up the commit;
      // either order must end the same way.
      ChunkId nobodys = ChunkId.random();
      for (int i = 0; i < 20_000; i++) {
        cluster.nameNode().tell(new NameNodeProtocol.ReportBadReplica(nobodys, "ghost"));
      }
      List<String> stored = first.stream().map(NodeRef::nodeId).toList();
      TestProbe<NameNodeProtocol.PlaceReply> placed = TestProbe.create(cluster.system());
      TestProbe<NameNodeProtocol.CommitReply> committed = TestProbe.create(cluster.system());
      cluster.nameNode().tell(new NameNodeProtocol.PlaceChunks(lease.lease(), List.of(), List.of(new NameNodeProtocol.Replacement(
          placement.chunkId(), data.length, 1, stored, List.of(placement.nodes().get(2).nodeId()))), placed.getRef()));
      cluster.nameNode().tell(new NameNodeProtocol.CommitUpload(lease.lease(), data.length, sha256(data), List.of(
          new NameNodeProtocol.WrittenChunk(new ChunkRef(placement.chunkId(), data.length, Checksums.crc32c(data)), stored)),
          committed.getRef()));

      assertInstanceOf(NameNodeProtocol.Committed.class, committed.receiveMessage(Duration.ofSeconds(10)));
      NameNodeProtocol.PlaceReply late = placed.receiveMessage(Duration.ofSeconds(10));
      if (late instanceof Refused refused) {
        assertEquals(ErrorKind.CONFLICT, refused.kind());
        assertTrue(refused.message().contains("being committed"), refused.message());
      } else {
        assertInstanceOf(NameNodeProtocol.Placed.class, late);
      }
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(ClusterFixture.located(cluster, "race").chunks()
          .get(0).replicas().stream().map(NodeRef::nodeId).toList().containsAll(stored)));
      assertArrayEquals(data, cluster.client().getBytes("race"));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ClusterFixture.assertHealed(cluster, 3));
    }
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
