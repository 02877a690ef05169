package io.stork.storagenode;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.runtime.DiskDispatcher;
import io.stork.runtime.data.ChunkTransport;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A storage node's metrics against what the test did to it: chunks stored, read, damaged, scrubbed; the node stopped. */
class StorageNodeMetricsTest {
  static ActorTestKit testKit;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("StorageNodeMetricsTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** The value of {@code name} for node sn-1: a gauge's or counter's value, a histogram's count; null when absent. */
  private static Double value(PrometheusRegistry registry, String name) {
    for (MetricSnapshot metric : registry.scrape()) {
      if (!metric.getMetadata().getName().equals(name)) {
        continue;
      }
      for (DataPointSnapshot point : metric.getDataPoints()) {
        if (point.getLabels().get("node").equals("sn-1")) {
          if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot gauge) {
            return gauge.getValue();
          }
          if (point instanceof CounterSnapshot.CounterDataPointSnapshot counter) {
            return counter.getValue();
          }
          return (double) ((HistogramSnapshot.HistogramDataPointSnapshot) point).getCount();
        }
      }
    }
    return null;
  }

  @Test
  void theNumbersFollowStoresReadsDamageScrubsAndTheStop() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    StorageNodeMetrics metrics = new StorageNodeMetrics(registry);
    ActorRef<StorageNodeProtocol.Command> node = testKit.spawn(StorageNode.create(
        new StorageNodeSettings("sn-1", dir.resolve("sn-1"), "", List.of(), 1 << 20, 64 << 10, 0, Duration.ofSeconds(1)), ChunkTransport.local(testKit.system()),
        "", metrics, reads -> { }), DiskDispatcher.SELECTOR);
    TestProbe<StorageNodeProtocol.StoreReply> stores = testKit.createTestProbe();
    ChunkId first = ChunkId.random();
    ChunkId second = ChunkId.random();
    for (ChunkId id : List.of(first, second)) {
      byte[] data = new byte[1000];
      node.tell(new StorageNodeProtocol.StoreChunk(id, data, Checksums.crc32c(data), List.of(), stores.getRef()));
      assertInstanceOf(StorageNodeProtocol.ChunkStored.class, stores.receiveMessage());
    }
    assertEquals(2.0, value(registry, "stork_storage_chunks"));
    assertEquals(2000.0, value(registry, "stork_storage_used_bytes"));
    assertEquals((double) (1 << 20), value(registry, "stork_storage_capacity_bytes"));
    assertEquals(2.0, value(registry, "stork_storage_write_seconds"));
    assertFalse(metrics.reported("sn-1"), "nobody asked for its chunks yet");

    TestProbe<StorageNodeProtocol.Report> reports = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.Describe(reports.getRef()));
    reports.expectMessageClass(StorageNodeProtocol.Description.class);
    assertTrue(metrics.reported("sn-1"));
    assertEquals(1.0, value(registry, "stork_storage_reported"));

    TestProbe<StorageNodeProtocol.ReadReply> reads = testKit.createTestProbe();
    node.tell(new StorageNodeProtocol.ReadChunk(first, reads.getRef()));
    assertInstanceOf(StorageNodeProtocol.ChunkRead.class, reads.receiveMessage());
    assertEquals(1.0, value(registry, "stork_storage_read_seconds"));

    try (RandomAccessFile file = new RandomAccessFile(ChunkStore.inspect(dir.resolve("sn-1")).pathOf(second).toFile(), "rw")) {
      file.seek(20);
      file.write(0x55); // the data was all zeros: now it fails its checksum
    }
    // The scrubber (every second, 64 KiB of budget: one chunk a tick) finds it and the node drops it.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertEquals(1.0, value(registry, "stork_storage_damaged_replicas"));
      assertEquals(1.0, value(registry, "stork_storage_chunks"));
      assertTrue(value(registry, "stork_storage_scrub_verified_chunks") >= 2);
      assertTrue(value(registry, "stork_storage_scrub_passes") >= 1);
    });
    // Usage reports (its room, told after a describe and as it changes) may come first.
    reports.fishForMessage(Duration.ofSeconds(5), report -> report instanceof StorageNodeProtocol.ReplicaDamaged
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());

    testKit.stop(node);
    await().untilAsserted(() -> assertEquals(null, value(registry, "stork_storage_chunks"), "a stopped node's state is gone"));
    assertEquals(1.0, value(registry, "stork_storage_damaged_replicas"), "its counters stay, as counters do");
  }

  @Test
  void trashAndNamespaceRecordsAreCounted() {
    PrometheusRegistry registry = new PrometheusRegistry();
    ActorRef<StorageNodeProtocol.Command> node = testKit.spawn(StorageNode.create(
        new StorageNodeSettings("sn-1", dir.resolve("sn-1"), "", List.of(), 1 << 20, 0, 0, Duration.ofSeconds(1)),
        ChunkTransport.local(testKit.system()), "", new StorageNodeMetrics(registry), reads -> { }), DiskDispatcher.SELECTOR);
    TestProbe<StorageNodeProtocol.StoreReply> stores = testKit.createTestProbe();
    ChunkId orphan = ChunkId.random();
    byte[] data = new byte[1000];
    node.tell(new StorageNodeProtocol.StoreChunk(orphan, data, Checksums.crc32c(data), List.of(), stores.getRef()));
    assertInstanceOf(StorageNodeProtocol.ChunkStored.class, stores.receiveMessage());
    assertEquals(0.0, value(registry, "stork_storage_trash_chunks"));
    node.tell(new StorageNodeProtocol.TrashChunks(List.of(orphan)));
    node.tell(new StorageNodeProtocol.KeepRecords(List.of(new io.stork.protocol.NamespaceRecord.Tombstone("gone", 2, 0),
        RecordStoreTest.manifest("here", 1, 1))));
    await().untilAsserted(() -> {
      assertEquals(1.0, value(registry, "stork_storage_trash_chunks"));
      assertEquals((double) (ChunkHeader.STK2_BYTES + 1000), value(registry, "stork_storage_trash_bytes"));
      assertEquals(2.0, value(registry, "stork_storage_namespace_records"));
      assertEquals(0.0, value(registry, "stork_storage_chunks"));
    });
  }
}
