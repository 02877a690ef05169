package io.stork.storagenode;

import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkIds;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.runtime.DiskDispatcher;
import java.io.RandomAccessFile;
import java.nio.file.Path;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

  private ActorRef<StorageNodeProtocol.Command> node(String id) {
    return testKit.spawn(StorageNode.create(new StorageNodeSettings(id, dir.resolve(id), "z1", List.of("ssd"), 1 << 20, 0)),
        DiskDispatcher.SELECTOR);
  }

  private static byte[] random(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  @Test
  void aChunkSentOnceIsStoredOnEveryNodeOfThePipeline() {
    List<ActorRef<StorageNodeProtocol.Command>> nodes = List.of(node("p1"), node("p2"), node("p3"));
    TestProbe<StorageNodeProtocol.ChunkStored> acks = testKit.createTestProbe();
    byte[] data = random(5000);
    String id = ChunkIds.random();
    nodes.get(0).tell(new StorageNodeProtocol.StoreChunk(id, data, Checksums.crc32c(data), nodes.subList(1, 3), acks.getRef()));
    Set<String> acked = acks.receiveSeveralMessages(3).stream()
        .peek(ack -> assertTrue(ack.ok(), ack.error())).map(StorageNodeProtocol.ChunkStored::nodeId).collect(Collectors.toSet());
    assertEquals(Set.of("p1", "p2", "p3"), acked);

    TestProbe<StorageNodeProtocol.ChunkRead> reads = testKit.createTestProbe();
    for (ActorRef<StorageNodeProtocol.Command> node : nodes) {
      node.tell(new StorageNodeProtocol.ReadChunk(id, reads.getRef()));
      assertArrayEquals(data, reads.receiveMessage().data());
    }
  }

  @Test
  void describesItselfWithItsChunks() {
    ActorRef<StorageNodeProtocol.Command> node = node("d1");
    TestProbe<StorageNodeProtocol.ChunkStored> acks = testKit.createTestProbe();
    byte[] data = random(10);
    String id = ChunkIds.random();
    node.tell(new StorageNodeProtocol.StoreChunk(id, data, Checksums.crc32c(data), List.of(), acks.getRef()));
    acks.receiveMessage();
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
    ActorRef<StorageNodeProtocol.Command> target = node("c2");
    TestProbe<StorageNodeProtocol.ChunkStored> acks = testKit.createTestProbe();
    byte[] data = random(2000);
    String id = ChunkIds.random();
    source.tell(new StorageNodeProtocol.StoreChunk(id, data, Checksums.crc32c(data), List.of(), acks.getRef()));
    acks.receiveMessage();

    source.tell(new StorageNodeProtocol.CopyChunk(id, target, acks.getRef()));
    StorageNodeProtocol.ChunkStored copied = acks.receiveMessage();
    assertTrue(copied.ok());
    assertEquals("c2", copied.nodeId());

    try (RandomAccessFile file = new RandomAccessFile(ChunkStore.inspect(dir.resolve("c1")).pathOf(id).toFile(), "rw")) {
      file.seek(100);
      file.write(~file.read());
    }
    TestProbe<StorageNodeProtocol.ChunkRead> reads = testKit.createTestProbe();
    source.tell(new StorageNodeProtocol.ReadChunk(id, reads.getRef()));
    StorageNodeProtocol.ChunkRead read = reads.receiveMessage();
    assertNull(read.data());
    assertTrue(read.error().contains("fails its checksum"), read.error());

    source.tell(new StorageNodeProtocol.CopyChunk(id, target, acks.getRef()));
    assertFalse(acks.receiveMessage().ok());
  }

  @Test
  void refusesBadRequestsWithoutCrashing() {
    ActorRef<StorageNodeProtocol.Command> node = node("b1");
    TestProbe<StorageNodeProtocol.ChunkStored> acks = testKit.createTestProbe();
    byte[] data = random(100);
    node.tell(new StorageNodeProtocol.StoreChunk("../../escape", data, Checksums.crc32c(data), List.of(), acks.getRef()));
    assertFalse(acks.receiveMessage().ok());
    node.tell(new StorageNodeProtocol.StoreChunk(ChunkIds.random(), data, 42, List.of(), acks.getRef()));
    assertFalse(acks.receiveMessage().ok());
    node.tell(new StorageNodeProtocol.StoreChunk(ChunkIds.random(), new byte[2 << 20], Checksums.crc32c(new byte[2 << 20]), List.of(), acks.getRef()));
    StorageNodeProtocol.ChunkStored full = acks.receiveMessage();
    assertFalse(full.ok());
    assertTrue(full.error().contains("full"), full.error());
    node.tell(new StorageNodeProtocol.DeleteChunks(List.of("../x", ChunkIds.random())));

    TestProbe<StorageNodeProtocol.ChunkRead> reads = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.ReadChunk("/etc/passwd", reads.getRef()));
    assertNull(reads.receiveMessage().data());
    String id = ChunkIds.random();
    node.tell(new StorageNodeProtocol.StoreChunk(id, data, Checksums.crc32c(data), List.of(), acks.getRef()));
    assertTrue(acks.receiveMessage().ok(), "the node still works after bad requests");
  }
}
