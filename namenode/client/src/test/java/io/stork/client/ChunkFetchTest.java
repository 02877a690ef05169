package io.stork.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeRef;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.runtime.LatencyEstimates;
import io.stork.runtime.data.ChunkTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A chunk is read from its live replicas first, then from those on unreachable nodes, which may
 * merely be slow. The storage nodes are probes that answer as told; the timer never fires, so only
 * answers move the read on (no hedge, no timeout) and the order of the requests is certain.
 */
class ChunkFetchTest {
  static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("ChunkFetchTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static NodeRef node(String id, TestProbe<StorageNodeProtocol.Command> probe) {
    return new NodeRef(id, probe.getRef(), "");
  }

  @Test
  void theCandidatesOfEachRoundAreTheLiveReplicasThenTheUnreachableOnes() {
    NodeRef a = node("sn-1", testKit.createTestProbe());
    NodeRef b = node("sn-2", testKit.createTestProbe());
    NodeRef c = node("sn-3", testKit.createTestProbe());
    assertEquals(List.of(a, b, c, a, b, c), ChunkFetch.candidates(List.of(a, b), List.of(c), 2));
    assertEquals(List.of(a, a), ChunkFetch.candidates(List.of(a), List.of(), 2));
  }

  @Test
  void whenEveryLiveReplicaFailsAReplicaOnAnUnreachableNodeIsAskedAndAnswers() throws Exception {
    byte[] data = "slow but there".getBytes(StandardCharsets.UTF_8);
    ChunkRef chunk = new ChunkRef(ChunkId.random(), data.length, Checksums.crc32c(data));
    TestProbe<StorageNodeProtocol.Command> first = testKit.createTestProbe();
    TestProbe<StorageNodeProtocol.Command> second = testKit.createTestProbe();
    TestProbe<StorageNodeProtocol.Command> cutOff = testKit.createTestProbe();
    List<NameNodeProtocol.ReportBadReplica> reported = new CopyOnWriteArrayList<>();
    ChunkFetch.Context context = new ChunkFetch.Context(ChunkTransport.local(testKit.system()),
        new LatencyEstimates(Duration.ofMillis(10), Duration.ofSeconds(30)), new HedgeBudget(0.05, 2),
        (delay, task) -> {}, reported::add);

    CompletableFuture<byte[]> read = ChunkFetch.start(context, "art", 0, chunk, List.of(node("sn-1", first), node("sn-2", second)),
        List.of(node("sn-3", cutOff)), 1);

    StorageNodeProtocol.ReadChunk asked = first.expectMessageClass(StorageNodeProtocol.ReadChunk.class);
    cutOff.expectNoMessage(Duration.ZERO);
    asked.replyTo().tell(new StorageNodeProtocol.ChunkRefused(chunk.id(), "sn-1", ErrorKind.NOT_FOUND, "no such chunk"));
    asked = second.expectMessageClass(StorageNodeProtocol.ReadChunk.class);
    cutOff.expectNoMessage(Duration.ZERO);
    asked.replyTo().tell(new StorageNodeProtocol.ChunkRefused(chunk.id(), "sn-2", ErrorKind.UNAVAILABLE, "cannot be reached"));
    asked = cutOff.expectMessageClass(StorageNodeProtocol.ReadChunk.class);
    asked.replyTo().tell(new StorageNodeProtocol.ChunkRead(chunk.id(), "sn-3", data));

    assertArrayEquals(data, read.get(10, TimeUnit.SECONDS));
    assertEquals(List.of(new NameNodeProtocol.ReportBadReplica(chunk.id(), "sn-1")), reported, "the missing replica is reported");
  }
}
