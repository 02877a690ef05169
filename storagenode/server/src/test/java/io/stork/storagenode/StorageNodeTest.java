package io.stork.storagenode;

import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NodeRef;
import io.stork.runtime.data.ChunkTransport;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.runtime.DiskDispatcher;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageNodeTest {
  static ActorTestKit testKit;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("StorageNodeTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private NodeRef nodeRef(String id) {
    ActorRef<StorageNodeProtocol.Command> ref = testKit.spawn(StorageNode.create(
        new StorageNodeSettings(id, dir.resolve(id), "z1", List.of("ssd"), 1 << 20, 0, 0, Duration.ofSeconds(1)), ChunkTransport.local(testKit.system()), ""),
        DiskDispatcher.SELECTOR);
    return new NodeRef(id, ref, "");
  }

  private ActorRef<StorageNodeProtocol.Command> node(String id) {
    return nodeRef(id).ref();
  }

  private static byte[] random(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  private static StorageNodeProtocol.ChunkStored stored(StorageNodeProtocol.StoreReply reply) {
    assertInstanceOf(StorageNodeProtocol.ChunkStored.class, reply, reply.toString());
    return (StorageNodeProtocol.ChunkStored) reply;
  }

  private static StorageNodeProtocol.ChunkRefused refused(Object reply) {
    assertInstanceOf(StorageNodeProtocol.ChunkRefused.class, reply, reply.toString());
    return (StorageNodeProtocol.ChunkRefused) reply;
  }

  @Test
  void aChunkSentOnceIsStoredOnEveryNodeOfThePipeline() {
    List<NodeRef> nodes = List.of(nodeRef("p1"), nodeRef("p2"), nodeRef("p3"));
    TestProbe<StorageNodeProtocol.StoreReply> acks = testKit.createTestProbe();
    byte[] data = random(5000);
    ChunkId id = ChunkId.random();
    nodes.get(0).ref().tell(new StorageNodeProtocol.StoreChunk(id, data, Checksums.crc32c(data), nodes.subList(1, 3), acks.getRef()));
    Set<String> acked = acks.receiveSeveralMessages(3).stream().map(reply -> stored(reply).nodeId()).collect(Collectors.toSet());
    assertEquals(Set.of("p1", "p2", "p3"), acked);

    TestProbe<StorageNodeProtocol.ReadReply> reads = testKit.createTestProbe();
    for (NodeRef node : nodes) {
      node.ref().tell(new StorageNodeProtocol.ReadChunk(id, reads.getRef()));
      assertArrayEquals(data, ((StorageNodeProtocol.ChunkRead) reads.receiveMessage()).data());
    }
  }

  @Test
  void describesItselfWithItsChunks() {
    ActorRef<StorageNodeProtocol.Command> node = node("d1");
    TestProbe<StorageNodeProtocol.StoreReply> acks = testKit.createTestProbe();
    byte[] data = random(10);
    ChunkId id = ChunkId.random();
    node.tell(new StorageNodeProtocol.StoreChunk(id, data, Checksums.crc32c(data), List.of(), acks.getRef()));
    stored(acks.receiveMessage());
    TestProbe<StorageNodeProtocol.Report> probe = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.Describe(probe.getRef()));
    StorageNodeProtocol.Description description = (StorageNodeProtocol.Description) probe.receiveMessage();
    assertEquals("d1", description.nodeId());
    assertEquals("z1", description.zone());
    assertEquals(List.of("ssd"), description.capabilities());
    assertEquals(List.of(id), description.chunkIds());
    assertEquals(10, description.usedBytes());
  }

  @Test
  void reportsADamagedReplicaAsCorruptAndCopiesOnlyIntactOnes() throws Exception {
    ActorRef<StorageNodeProtocol.Command> source = node("c1");
    NodeRef target = nodeRef("c2");
    TestProbe<StorageNodeProtocol.StoreReply> acks = testKit.createTestProbe();
    byte[] data = random(2000);
    ChunkId id = ChunkId.random();
    source.tell(new StorageNodeProtocol.StoreChunk(id, data, Checksums.crc32c(data), List.of(), acks.getRef()));
    stored(acks.receiveMessage());

    source.tell(new StorageNodeProtocol.CopyChunk(id, target, acks.getRef()));
    assertEquals("c2", stored(acks.receiveMessage()).nodeId());

    try (RandomAccessFile file = new RandomAccessFile(ChunkStore.inspect(dir.resolve("c1")).pathOf(id).toFile(), "rw")) {
      file.seek(100);
      file.write(~file.read());
    }
    TestProbe<StorageNodeProtocol.ReadReply> reads = testKit.createTestProbe();
    source.tell(new StorageNodeProtocol.ReadChunk(id, reads.getRef()));
    StorageNodeProtocol.ChunkRefused read = refused(reads.receiveMessage());
    assertEquals(ErrorKind.CORRUPT, read.kind());
    assertTrue(read.message().contains("fails its checksum"), read.message());

    source.tell(new StorageNodeProtocol.CopyChunk(id, target, acks.getRef()));
    refused(acks.receiveMessage());
  }

  @Test
  void refusesBadRequestsWithoutCrashing() {
    ActorRef<StorageNodeProtocol.Command> node = node("b1");
    TestProbe<StorageNodeProtocol.StoreReply> acks = testKit.createTestProbe();
    byte[] data = random(100);
    node.tell(new StorageNodeProtocol.StoreChunk(ChunkId.random(), data, 42, List.of(), acks.getRef()));
    assertEquals(ErrorKind.CORRUPT, refused(acks.receiveMessage()).kind(), "a chunk that does not match its CRC");
    node.tell(new StorageNodeProtocol.StoreChunk(ChunkId.random(), new byte[2 << 20], Checksums.crc32c(new byte[2 << 20]), List.of(), acks.getRef()));
    StorageNodeProtocol.ChunkRefused full = refused(acks.receiveMessage());
    assertEquals(ErrorKind.NO_SPACE, full.kind());
    assertEquals("no space on b1 (1 MiB free)", full.message(), "the node at its configured limit names itself");
    node.tell(new StorageNodeProtocol.DeleteChunks(List.of(ChunkId.random())));

    TestProbe<StorageNodeProtocol.ReadReply> reads = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.ReadChunk(ChunkId.random(), reads.getRef()));
    assertEquals(ErrorKind.NOT_FOUND, refused(reads.receiveMessage()).kind());
    ChunkId id = ChunkId.random();
    node.tell(new StorageNodeProtocol.StoreChunk(id, data, Checksums.crc32c(data), List.of(), acks.getRef()));
    stored(acks.receiveMessage()); // the node still works after bad requests
  }
}
