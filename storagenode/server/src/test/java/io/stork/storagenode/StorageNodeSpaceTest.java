package io.stork.storagenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.runtime.DiskDispatcher;
import io.stork.runtime.data.ChunkTransport;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A storage node on a small real file system: its room is its disk's, and a full disk is a typed "no space" naming it. */
class StorageNodeSpaceTest {
  private static final long DISK = 2 << 20;
  static ActorTestKit testKit;
  @TempDir Path dir;
  private SmallDisk disk;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("StorageNodeSpaceTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void unmount() {
    if (disk != null) {
      disk.close();
    }
  }

  private ActorRef<StorageNodeProtocol.Command> node(String id, long reserve) {
    disk = SmallDisk.mount(dir.resolve("disk"), DISK);
    StorageNodeSettings settings = new StorageNodeSettings(id, disk.path().resolve(id), "", List.of(), 64L << 30, 0, reserve,
        Duration.ofMillis(50));
    return testKit.spawn(StorageNode.create(settings, ChunkTransport.local(testKit.system()), ""), DiskDispatcher.SELECTOR);
  }

  private static StorageNodeProtocol.StoreReply store(ActorRef<StorageNodeProtocol.Command> node, byte[] data) {
    return store(node, ChunkId.random(), data);
  }

  private static StorageNodeProtocol.StoreReply store(ActorRef<StorageNodeProtocol.Command> node, ChunkId id, byte[] data) {
    TestProbe<StorageNodeProtocol.StoreReply> acks = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.StoreChunk(id, data, Checksums.crc32c(data), List.of(), acks.getRef()));
    return acks.receiveMessage();
  }

  private static byte[] random(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  /** Fills the disk with a file of its own until {@code left} bytes are free. */
  private void fillUntil(long left) throws IOException {
    try (RandomAccessFile junk = new RandomAccessFile(disk.path().resolve("junk").toFile(), "rw")) {
      byte[] page = new byte[4096];
      while (disk.usableBytes() > left) {
        junk.write(page);
      }
    }
  }

  @Test
  void itsCapacityIsItsDisksNotTheConfiguredLimit() {
    ActorRef<StorageNodeProtocol.Command> node = node("s1", 512 << 10);
    TestProbe<StorageNodeProtocol.Report> reports = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.Describe(reports.getRef()));
    StorageNodeProtocol.Description description = (StorageNodeProtocol.Description) reports.receiveMessage();
    assertTrue(description.capacityBytes() <= DISK - (512 << 10), "capacity " + description.capacityBytes() + " is not 64 GiB");
    StorageNodeProtocol.Usage usage = (StorageNodeProtocol.Usage) reports.receiveMessage();
    assertEquals(description.capacityBytes(), usage.capacityBytes());
    assertTrue(usage.volume().startsWith("dev:"), usage.volume());
  }

  @Test
  void aNodeOutOfRoomRefusesWithNoSpaceNamingItselfAndWhatIsFree() {
    ActorRef<StorageNodeProtocol.Command> node = node("s2", 1 << 20);
    StorageNodeProtocol.StoreReply stored = store(node, random(256 << 10));
    assertInstanceOf(StorageNodeProtocol.ChunkStored.class, stored, stored.toString());
    StorageNodeProtocol.StoreReply reply = store(node, random(1 << 20));
    StorageNodeProtocol.ChunkRefused refused = assertInstanceOf(StorageNodeProtocol.ChunkRefused.class, reply, reply.toString());
    assertEquals(ErrorKind.NO_SPACE, refused.kind());
    assertTrue(refused.message().matches("no space on s2 \\([0-9.]+ KiB free, 1 MiB kept in reserve\\)"), refused.message());
  }

  @Test
  void aDiskThatFillsUpUnderAWriteIsNoSpaceTooAndLeavesNoTemporary() throws IOException {
    ActorRef<StorageNodeProtocol.Command> node = node("s3", 0);
    assertInstanceOf(StorageNodeProtocol.ChunkStored.class, store(node, random(1000)));
    fillUntil(64 << 10);
    // The room is exactly the chunk's bytes: the node takes it, and the file system refuses the header beyond.
    StorageNodeProtocol.StoreReply reply = store(node, random((int) disk.usableBytes()));
    StorageNodeProtocol.ChunkRefused refused = assertInstanceOf(StorageNodeProtocol.ChunkRefused.class, reply, reply.toString());
    assertEquals(ErrorKind.NO_SPACE, refused.kind(), refused.message());
    assertTrue(refused.message().startsWith("no space on s3 ("), refused.message());
    try (Stream<Path> files = Files.walk(disk.path().resolve("s3"))) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(), "the failed write's temporary is gone");
    }
    assertEquals(64 << 10, disk.usableBytes(), "the failed write gave its room back");
  }

  @Test
  void tellsTheNameNodeWhenItsDiskFillsUpOrFreesRoom() throws IOException {
    ActorRef<StorageNodeProtocol.Command> node = node("s4", 0);
    TestProbe<StorageNodeProtocol.Report> reports = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.Describe(reports.getRef()));
    long before = ((StorageNodeProtocol.Description) reports.receiveMessage()).capacityBytes();
    reports.receiveMessage(); // the usage that follows every description
    fillUntil(256 << 10);
    StorageNodeProtocol.Usage filled = usageWhere(reports, usage -> usage.capacityBytes() <= 256 << 10);
    assertTrue(filled.volumeFreeBytes() <= 256 << 10, filled.toString());
    Files.delete(disk.path().resolve("junk"));
    StorageNodeProtocol.Usage freed = usageWhere(reports, usage -> usage.capacityBytes() > before - (256 << 10));
    assertEquals(0, freed.usedBytes());
  }

  private static StorageNodeProtocol.Usage usageWhere(TestProbe<StorageNodeProtocol.Report> reports,
                                                      java.util.function.Predicate<StorageNodeProtocol.Usage> wanted) {
    List<StorageNodeProtocol.Report> seen = reports.fishForMessage(Duration.ofSeconds(10), "a usage report",
        report -> report instanceof StorageNodeProtocol.Usage usage && wanted.test(usage) ? FishingOutcomes.complete()
            : FishingOutcomes.continueAndIgnore());
    return (StorageNodeProtocol.Usage) seen.get(seen.size() - 1);
  }

  /** Trashed orphans are room: a store the disk cannot hold otherwise empties the trash, oldest first, instead of refusing. */
  @Test
  void aStoreThatNeedsTheTrashsRoomEmptiesItOldestFirst() throws IOException {
    ActorRef<StorageNodeProtocol.Command> node = node("s5", 0);
    List<ChunkId> orphans = List.of(ChunkId.random(), ChunkId.random());
    for (ChunkId orphan : orphans) {
      assertInstanceOf(StorageNodeProtocol.ChunkStored.class, store(node, orphan, random(700 << 10)));
      node.tell(new StorageNodeProtocol.TrashChunks(List.of(orphan)));
    }
    TestProbe<StorageNodeProtocol.Report> reports = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.Describe(reports.getRef()));
    StorageNodeProtocol.Description description = (StorageNodeProtocol.Description) reports.receiveMessage();
    assertEquals(0, description.usedBytes(), "trash is not what the node holds");
    assertTrue(disk.usableBytes() < 1 << 20, "the disk alone has no room for a 1 MiB chunk: " + disk.usableBytes());
    assertTrue(description.capacityBytes() >= 1 << 20, "with the trash it has: " + description.capacityBytes());

    byte[] data = random(1 << 20);
    ChunkId needed = ChunkId.random();
    StorageNodeProtocol.StoreReply reply = store(node, needed, data);
    assertInstanceOf(StorageNodeProtocol.ChunkStored.class, reply, reply.toString());
    Path trash = disk.path().resolve("s5").resolve("trash");
    try (Stream<Path> left = Files.list(trash)) {
      assertEquals(List.of(orphans.get(1).toString()), left.map(f -> f.getFileName().toString().substring(17, 49)).toList(),
          "the older orphan went, the newer one is kept");
    }
    TestProbe<StorageNodeProtocol.ReadReply> reads = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.ReadChunk(needed, reads.getRef()));
    assertInstanceOf(StorageNodeProtocol.ChunkRead.class, reads.receiveMessage());
  }
}
