package io.stork.storagenode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  private ActorRef<StorageNode.Command> node(String id) {
    return testKit.spawn(StorageNode.create(new StorageNodeSettings(id, dir.resolve(id), "z1", List.of("ssd"), 1 << 20, 0)),
        StorageNode.DISPATCHER);
  }

  private static byte[] random(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  @Test
  void aChunkSentOnceIsStoredOnEveryNodeOfThePipeline() {
    List<ActorRef<StorageNode.Command>> nodes = List.of(node("p1"), node("p2"), node("p3"));
    TestProbe<StorageNode.ChunkStored> acks = testKit.createTestProbe();
    byte[] data = random(5000);
    String id = ChunkIds.random();
    nodes.get(0).tell(new StorageNode.StoreChunk(id, data, Checksums.crc32c(data), nodes.subList(1, 3), acks.getRef()));
    Set<String> acked = acks.receiveSeveralMessages(3).stream()
        .peek(ack -> assertTrue(ack.ok(), ack.error())).map(StorageNode.ChunkStored::nodeId).collect(Collectors.toSet());
    assertEquals(Set.of("p1", "p2", "p3"), acked);

    TestProbe<StorageNode.ChunkRead> reads = testKit.createTestProbe();
    for (ActorRef<StorageNode.Command> node : nodes) {
      node.tell(new StorageNode.ReadChunk(id, reads.getRef()));
      assertArrayEquals(data, reads.receiveMessage().data());
    }
  }

  @Test
  void describesItselfWithItsChunks() {
    ActorRef<StorageNode.Command> node = node("d1");
    TestProbe<StorageNode.ChunkStored> acks = testKit.createTestProbe();
    byte[] data = random(10);
    String id = ChunkIds.random();
    node.tell(new StorageNode.StoreChunk(id, data, Checksums.crc32c(data), List.of(), acks.getRef()));
    acks.receiveMessage();
    TestProbe<StorageNode.Report> probe = testKit.createTestProbe();
    node.tell(new StorageNode.Describe(probe.getRef()));
    StorageNode.Description description = (StorageNode.Description) probe.receiveMessage();
    assertEquals("d1", description.nodeId());
    assertEquals("z1", description.zone());
    assertEquals(List.of("ssd"), description.capabilities());
    assertEquals(List.of(id), description.chunkIds());
    assertEquals(10, description.usedBytes());
  }

  @Test
  void reportsADamagedReplicaAsCorruptAndCopiesOnlyIntactOnes() throws Exception {
    ActorRef<StorageNode.Command> source = node("c1");
    ActorRef<StorageNode.Command> target = node("c2");
    TestProbe<StorageNode.ChunkStored> acks = testKit.createTestProbe();
    byte[] data = random(2000);
    String id = ChunkIds.random();
    source.tell(new StorageNode.StoreChunk(id, data, Checksums.crc32c(data), List.of(), acks.getRef()));
    acks.receiveMessage();

    source.tell(new StorageNode.CopyChunk(id, target, acks.getRef()));
    StorageNode.ChunkStored copied = acks.receiveMessage();
    assertTrue(copied.ok());
    assertEquals("c2", copied.nodeId());

    try (RandomAccessFile file = new RandomAccessFile(ChunkStore.inspect(dir.resolve("c1")).pathOf(id).toFile(), "rw")) {
      file.seek(100);
      file.write(~file.read());
    }
    TestProbe<StorageNode.ChunkRead> reads = testKit.createTestProbe();
    source.tell(new StorageNode.ReadChunk(id, reads.getRef()));
    StorageNode.ChunkRead read = reads.receiveMessage();
    assertNull(read.data());
    assertTrue(read.error().contains("fails its checksum"), read.error());

    source.tell(new StorageNode.CopyChunk(id, target, acks.getRef()));
    assertFalse(acks.receiveMessage().ok());
  }

  @Test
  void refusesBadRequestsWithoutCrashing() {
    ActorRef<StorageNode.Command> node = node("b1");
    TestProbe<StorageNode.ChunkStored> acks = testKit.createTestProbe();
    byte[] data = random(100);
    node.tell(new StorageNode.StoreChunk("../../escape", data, Checksums.crc32c(data), List.of(), acks.getRef()));
    assertFalse(acks.receiveMessage().ok());
    node.tell(new StorageNode.StoreChunk(ChunkIds.random(), data, 42, List.of(), acks.getRef()));
    assertFalse(acks.receiveMessage().ok());
    node.tell(new StorageNode.StoreChunk(ChunkIds.random(), new byte[2 << 20], Checksums.crc32c(new byte[2 << 20]), List.of(), acks.getRef()));
    StorageNode.ChunkStored full = acks.receiveMessage();
    assertFalse(full.ok());
    assertTrue(full.error().contains("full"), full.error());
    node.tell(new StorageNode.DeleteChunks(List.of("../x", ChunkIds.random())));

    TestProbe<StorageNode.ChunkRead> reads = testKit.createTestProbe();
    node.tell(new StorageNode.ReadChunk("/etc/passwd", reads.getRef()));
    assertNull(reads.receiveMessage().data());
    String id = ChunkIds.random();
    node.tell(new StorageNode.StoreChunk(id, data, Checksums.crc32c(data), List.of(), acks.getRef()));
    assertTrue(acks.receiveMessage().ok(), "the node still works after bad requests");
  }
}
