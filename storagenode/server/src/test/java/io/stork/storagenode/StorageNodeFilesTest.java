package io.stork.storagenode;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NamespaceRecord;
import io.stork.protocol.NamespaceRecord.Tombstone;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorageNodeProtocol.RecordPage;
import io.stork.runtime.DiskDispatcher;
import io.stork.runtime.data.ChunkBuffer;
import io.stork.runtime.data.ChunkFrames;
import io.stork.runtime.data.ChunkTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage node actor's own files beside the chunks, through its messages (serialized, as on the
 * wire): a replica holding another chunk, orphans to the trash, namespace records kept and listed.
 */
class StorageNodeFilesTest {
  static ActorTestKit testKit;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("StorageNodeFilesTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private ActorRef<StorageNodeProtocol.Command> node(String id, Duration orphanGrace) {
    return node(id, orphanGrace, 0);
  }

  private ActorRef<StorageNodeProtocol.Command> node(String id, Duration orphanGrace, long scrubBytesPerSecond) {
    StorageNodeSettings settings = new StorageNodeSettings(id, dir.resolve(id), "", List.of(), 1 << 20, scrubBytesPerSecond, 0,
        Duration.ofSeconds(1), orphanGrace);
    return testKit.spawn(StorageNode.create(settings, ChunkTransport.local(testKit.system()), ""), DiskDispatcher.SELECTOR);
  }

  private static ChunkId store(ActorRef<StorageNodeProtocol.Command> node, int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    ChunkId id = ChunkId.random();
    TestProbe<StorageNodeProtocol.StoreReply> acks = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.StoreChunk(id, data, Checksums.crc32c(data), List.of(), acks.getRef()));
    assertInstanceOf(StorageNodeProtocol.ChunkStored.class, acks.receiveMessage());
    return id;
  }

  private static List<ChunkId> chunksOf(ActorRef<StorageNodeProtocol.Command> node, TestProbe<StorageNodeProtocol.Report> reports) {
    node.tell(new StorageNodeProtocol.Describe(reports.getRef()));
    StorageNodeProtocol.Description description = (StorageNodeProtocol.Description) reports.receiveMessage();
    reports.receiveMessage(); // its Usage
    return description.chunkIds();
  }

  private long filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    }
  }

  @Test
  void aReplicaHoldingAnotherChunkIsRefusedAsCorruptReportedAndDeleted() throws IOException {
    ActorRef<StorageNodeProtocol.Command> node = node("w1", Duration.ofHours(6));
    ChunkId a = store(node, 3000);
    ChunkId b = store(node, 3000);
    TestProbe<StorageNodeProtocol.Report> reports = testKit.createTestProbe();
    chunksOf(node, reports);
    ChunkStore files = ChunkStore.inspect(dir.resolve("w1"));
    Files.copy(files.pathOf(b), files.pathOf(a), StandardCopyOption.REPLACE_EXISTING);

    TestProbe<StorageNodeProtocol.ReadReply> reads = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.ReadChunk(a, reads.getRef()));
    StorageNodeProtocol.ChunkRefused refused = assertInstanceOf(StorageNodeProtocol.ChunkRefused.class, reads.receiveMessage());
    assertEquals(ErrorKind.CORRUPT, refused.kind());
    assertTrue(refused.message().contains("holds chunk " + b), refused.message());
    assertEquals(new StorageNodeProtocol.ReplicaDamaged("w1", a), reports.receiveMessage());
    assertFalse(Files.exists(files.pathOf(a)), "deleted, as a replica failing its checksum is");
    assertEquals(List.of(b), chunksOf(node, reports));
  }

  /**
   * Reads off the actor (a process's data channel serves them on its connections' threads), into one
   * reused buffer: each answer is its own chunk; damage is verified and discarded on the actor and
   * reported; once the node has stopped, they are refused.
   */
  @Test
  void directReadsShareOneBufferAndHandDamageToTheActor() throws IOException {
    StorageNodeSettings settings = new StorageNodeSettings("w5", dir.resolve("w5"), "", List.of(), 1 << 20, 0, 0,
        Duration.ofSeconds(1), Duration.ofHours(6));
    CompletableFuture<DirectReads> handed = new CompletableFuture<>();
    ActorRef<StorageNodeProtocol.Command> node = testKit.spawn(StorageNode.create(settings, ChunkTransport.local(testKit.system()), "",
        new StorageNodeMetrics(new PrometheusRegistry()), handed::complete), DiskDispatcher.SELECTOR);
    ChunkId large = store(node, 3000);
    ChunkId small = store(node, 100);
    TestProbe<StorageNodeProtocol.Report> reports = testKit.createTestProbe();
    chunksOf(node, reports);
    DirectReads reads = handed.join();
    ChunkBuffer buffer = new ChunkBuffer();
    ChunkStore files = ChunkStore.inspect(dir.resolve("w5"));
    for (ChunkId id : List.of(large, small)) {
      ChunkFrames.Answer answer = reads.read(id, buffer);
      assertArrayEquals(files.read(id), Arrays.copyOf(answer.data(), answer.length()));
    }
    assertEquals(ErrorKind.NOT_FOUND, reads.read(ChunkId.random(), buffer).refusal());

    byte[] damaged = Files.readAllBytes(files.pathOf(small));
    damaged[damaged.length - 1] ^= 1;
    Files.write(files.pathOf(small), damaged);
    assertEquals(ErrorKind.CORRUPT, reads.read(small, buffer).refusal());
    assertEquals(new StorageNodeProtocol.ReplicaDamaged("w5", small), reports.receiveMessage());
    assertFalse(Files.exists(files.pathOf(small)), "verified again and deleted on the actor");

    testKit.stop(node);
    assertEquals(ErrorKind.UNAVAILABLE, reads.read(large, buffer).refusal(), "a stopped node's reads are its next incarnation's");
  }

  @Test
  void theScrubberReportsAReplicaHoldingAnotherChunk() throws IOException {
    ActorRef<StorageNodeProtocol.Command> node = node("w2", Duration.ofHours(6), 64 << 10);
    ChunkId a = store(node, 100);
    ChunkId b = store(node, 200);
    ChunkStore files = ChunkStore.inspect(dir.resolve("w2"));
    Files.copy(files.pathOf(b), files.pathOf(a), StandardCopyOption.REPLACE_EXISTING);
    TestProbe<StorageNodeProtocol.Report> reports = testKit.createTestProbe();
    chunksOf(node, reports);
    // Nobody reads it: the scrubber (one chunk a tick at this pace) comes to it.
    reports.fishForMessage(Duration.ofSeconds(20), "the damage report",
        report -> report.equals(new StorageNodeProtocol.ReplicaDamaged("w2", a)) ? FishingOutcomes.complete()
            : FishingOutcomes.continueAndIgnore());
    assertFalse(Files.exists(files.pathOf(a)));
    assertTrue(Files.exists(files.pathOf(b)));
  }

  @Test
  void chunksTheNamespaceNoLongerNeedsAreDeletedAtOnceNotTrashed() throws IOException {
    ActorRef<StorageNodeProtocol.Command> node = node("d1", Duration.ofHours(6));
    ChunkId surplus = store(node, 300);
    node.tell(new StorageNodeProtocol.DeleteChunks(List.of(surplus)));
    assertEquals(List.of(), chunksOf(node, testKit.createTestProbe()));
    assertFalse(Files.exists(ChunkStore.inspect(dir.resolve("d1")).pathOf(surplus)));
    assertEquals(0, filesIn(dir.resolve("d1").resolve("trash")));
  }

  @Test
  void orphansGoToTheTrashAndAreSweptAfterTheirGrace() throws IOException {
    ActorRef<StorageNodeProtocol.Command> keeping = node("t1", Duration.ofHours(6));
    ActorRef<StorageNodeProtocol.Command> sweeping = node("t2", Duration.ZERO);
    TestProbe<StorageNodeProtocol.Report> reports = testKit.createTestProbe();
    for (ActorRef<StorageNodeProtocol.Command> node : List.of(keeping, sweeping)) {
      ChunkId orphan = store(node, 500);
      ChunkId needed = store(node, 500);
      node.tell(new StorageNodeProtocol.TrashChunks(List.of(orphan)));
      assertEquals(List.of(needed), chunksOf(node, reports), "the orphan left the node's report at once");
    }
    assertEquals(1, filesIn(dir.resolve("t1").resolve("trash")));
    await().atMost(Duration.ofSeconds(20)).until(() -> filesIn(dir.resolve("t2").resolve("trash")) == 0);
    assertEquals(1, filesIn(dir.resolve("t1").resolve("trash")), "six hours have not passed for the first");
  }

  @Test
  void keepsRecordsAndListsThemPageByPage() {
    ActorRef<StorageNodeProtocol.Command> node = node("r1", Duration.ofHours(6));
    List<NamespaceRecord> records = List.of(RecordStoreTest.manifest("a", 1, 2), new Tombstone("b", 3, 0), RecordStoreTest.manifest("c", 2, 1));
    node.tell(new StorageNodeProtocol.KeepRecords(records));
    node.tell(new StorageNodeProtocol.KeepRecords(List.of(RecordStoreTest.manifest("b", 2, 1)))); // older than the tombstone
    TestProbe<RecordPage> pages = testKit.createTestProbe();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      node.tell(new StorageNodeProtocol.ListRecords("", 2, pages.getRef()));
      assertEquals(new RecordPage("r1", records.subList(0, 2), true), pages.receiveMessage());
    });
    node.tell(new StorageNodeProtocol.ListRecords("b", 2, pages.getRef()));
    assertEquals(new RecordPage("r1", records.subList(2, 3), false), pages.receiveMessage());
  }

  /** The bound of a page is counted in record files (JSON); on the wire (CBOR) the page is no larger, well under a 2 MiB frame. */
  @Test
  void aFullPageOfLargeManifestsFitsInAnArteryFrame() throws IOException {
    RecordStore store = RecordStore.open(dir.resolve("big"));
    store.keep(java.util.stream.IntStream.range(0, 12)
        .mapToObj(i -> (NamespaceRecord) RecordStoreTest.manifest("large-" + i, 1, 4000)).toList());
    RecordStore.Page page = store.page("", 1000);
    assertTrue(page.more() && page.records().size() > 1, page.records().size() + " records");
    byte[] wire = org.apache.pekko.serialization.SerializationExtension.get(testKit.system())
        .serialize(new RecordPage("sn-1", page.records(), page.more())).get();
    assertTrue(wire.length <= RecordStore.PAGE_BYTES + 4096, wire.length + " bytes on the wire");
  }

  @Test
  void malformedRecordRequestsAreRefusedAndTheNodeGoesOn() {
    ActorRef<StorageNodeProtocol.Command> node = node("m1", Duration.ofHours(6));
    TestProbe<RecordPage> pages = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.ListRecords("", -1, pages.getRef()));
    node.tell(new StorageNodeProtocol.ListRecords("", 0, pages.getRef()));
    node.tell(new StorageNodeProtocol.ListRecords(null, 10, pages.getRef()));
    node.tell(new StorageNodeProtocol.KeepRecords(null));
    node.tell(new StorageNodeProtocol.TrashChunks(null));
    node.tell(new StorageNodeProtocol.KeepRecords(List.of(new Tombstone(null, 4, 0), new Tombstone("kept", 1, 0))));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      node.tell(new StorageNodeProtocol.ListRecords("", 10, pages.getRef()));
      assertEquals(new RecordPage("m1", List.of(new Tombstone("kept", 1, 0)), false), pages.receiveMessage(),
          "the whole record of the last was kept");
    });
    pages.expectNoMessage(Duration.ofMillis(300)); // each try above took its one answer: the malformed requests got none
  }
}
