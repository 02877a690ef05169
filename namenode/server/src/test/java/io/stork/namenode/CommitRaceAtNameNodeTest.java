package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.stork.namenode.journal.MetadataOpener;
import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeRef;
import io.stork.protocol.Refused;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorkMessage;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race of a replacement placement with the commit, forced at the name node: the replica
 * keeper's answer to the placement is held back until the commit has been taken up, so the name
 * node handles it while the upload is being committed. The real name node and replica keeper run;
 * the storage nodes are probes. The committed chunk keeps the replicas its client wrote (no delete
 * of it reaches them), and the placement is refused as overtaken by the commit, not as a lost lease.
 */
class CommitRaceAtNameNodeTest {
  private final ActorTestKit testKit = ActorTestKit.create("CommitRaceAtNameNodeTest");

  @AfterEach
  void stop() {
    testKit.shutdownTestKit();
  }

  /**
   * Holds the messages the name node sends itself (the keeper's answers; no wire message is held)
   * from the moment it takes up a placement request until it takes up a commit: then they are
   * re-sent, to come right after the commit, before its journal write can be acknowledged.
   */
  static final class HoldKeeperAnswers extends BehaviorInterceptor<NameNodeProtocol.Command, NameNodeProtocol.Command> {
    final CompletableFuture<Void> holding = new CompletableFuture<>();
    private final List<NameNodeProtocol.Command> held = new ArrayList<>();
    private boolean closed;

    HoldKeeperAnswers() {
      super(NameNodeProtocol.Command.class);
    }

    @Override
    public Behavior<NameNodeProtocol.Command> aroundReceive(TypedActorContext<NameNodeProtocol.Command> context,
                                                            NameNodeProtocol.Command message,
                                                            ReceiveTarget<NameNodeProtocol.Command> target) {
      if (closed && !(message instanceof StorkMessage)) {
        held.add(message);
        holding.complete(null);
        return Behaviors.same();
      }
      if (message instanceof NameNodeProtocol.PlaceChunks) {
        closed = true;
      } else if (message instanceof NameNodeProtocol.CommitUpload) {
        closed = false;
        held.forEach(context.asJava().getSelf()::tell);
        held.clear();
      }
      return target.apply(context, message);
    }
  }

  @Test
  void aReplacementPlacementOvertakenByTheCommitNeitherReleasesTheChunkNorLosesTheLease(@TempDir Path dir) throws Exception {
    NameNodeSettings settings = NameNodeSettings.fromConfig(ConfigFactory.load(), dir);
    HoldKeeperAnswers hold = new HoldKeeperAnswers();
    ActorRef<NameNodeProtocol.Command> nameNode = testKit.spawn(Behaviors.intercept(() -> hold,
        NameNode.create(settings, MetadataOpener.open(settings.metadataDirs(), settings.dataDir(), settings.checkpointEntries(), false))));
    Map<String, TestProbe<StorageNodeProtocol.Command>> nodes = new TreeMap<>();
    for (int i = 1; i <= settings.replication(); i++) {
      TestProbe<StorageNodeProtocol.Command> node = testKit.createTestProbe();
      nodes.put("sn-" + i, node);
      testKit.system().receptionist().tell(Receptionist.register(StorageNodeProtocol.SERVICE_KEY, node.getRef()));
    }
    nodes.forEach((id, node) -> {
      StorageNodeProtocol.Describe describe = node.expectMessageClass(StorageNodeProtocol.Describe.class);
      describe.replyTo().tell(new StorageNodeProtocol.Description(id, "", List.of(), 1L << 30, 0, List.of(), node.getRef(), ""));
    });
    TestProbe<NameNodeProtocol.Nodes> listed = testKit.createTestProbe();
    listed.awaitAssert(() -> {
      nameNode.tell(new NameNodeProtocol.GetNodes(listed.getRef()));
      assertEquals(nodes.size(), listed.receiveMessage().nodes().size());
      return null;
    });

    byte[] data = "raced".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    TestProbe<NameNodeProtocol.BeginReply> begun = testKit.createTestProbe();
    nameNode.tell(new NameNodeProtocol.BeginUpload("race", false, List.of(), List.of(data.length), data.length, begun.getRef()));
    NameNodeProtocol.UploadBegun lease = assertInstanceOf(NameNodeProtocol.UploadBegun.class, begun.receiveMessage());
    NameNodeProtocol.Placement placement = lease.placements().get(0);
    List<String> stored = placement.nodes().subList(0, 2).stream().map(NodeRef::nodeId).toList();
    String silent = placement.nodes().get(2).nodeId();

    // The silent node's replica is placed again; the keeper's answer is held until the commit is taken up.
    TestProbe<NameNodeProtocol.PlaceReply> placed = testKit.createTestProbe();
    nameNode.tell(new NameNodeProtocol.PlaceChunks(lease.lease(), List.of(), List.of(new NameNodeProtocol.Replacement(
        placement.chunkId(), data.length, 1, stored, List.of(silent))), placed.getRef()));
    hold.holding.get(10, TimeUnit.SECONDS);
    TestProbe<NameNodeProtocol.CommitReply> committed = testKit.createTestProbe();
    nameNode.tell(new NameNodeProtocol.CommitUpload(lease.lease(), data.length, sha256(data), List.of(
        new NameNodeProtocol.WrittenChunk(new ChunkRef(placement.chunkId(), data.length, Checksums.crc32c(data)), stored)),
        committed.getRef()));

    Refused late = assertInstanceOf(Refused.class, placed.receiveMessage());
    assertEquals(ErrorKind.CONFLICT, late.kind());
    assertTrue(late.message().contains("being committed"), late.message());
    assertInstanceOf(NameNodeProtocol.Committed.class, committed.receiveMessage());

    // The keeper has taken up all the name node told it before it answers this (one sender, in order).
    TestProbe<NameNodeProtocol.LocateReply> located = testKit.createTestProbe();
    nameNode.tell(new NameNodeProtocol.Locate("race", located.getRef()));
    NameNodeProtocol.Located where = assertInstanceOf(NameNodeProtocol.Located.class, located.receiveMessage());
    assertEquals(stored.stream().sorted().toList(),
        where.chunks().get(0).replicas().stream().map(NodeRef::nodeId).sorted().toList(), "the written replicas count");
    for (String nodeId : stored) {
      for (StorageNodeProtocol.Command received : receivedSoFar(nodes.get(nodeId))) {
        assertTrue(!(received instanceof StorageNodeProtocol.DeleteChunks delete) || !delete.chunkIds().contains(placement.chunkId()),
            nodeId + " was told to delete the committed chunk");
      }
    }
  }

  /** What {@code node} was sent before now: a marker sent now comes after all of it. */
  private List<StorageNodeProtocol.Command> receivedSoFar(TestProbe<StorageNodeProtocol.Command> node) {
    StorageNodeProtocol.Describe marker = new StorageNodeProtocol.Describe(testKit.<StorageNodeProtocol.Report>createTestProbe().getRef());
    node.getRef().tell(marker);
    List<StorageNodeProtocol.Command> received = new ArrayList<>();
    for (StorageNodeProtocol.Command next = node.receiveMessage(Duration.ofSeconds(10)); !marker.equals(next);
         next = node.receiveMessage(Duration.ofSeconds(10))) {
      received.add(next);
    }
    return received;
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
