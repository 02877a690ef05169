package io.stork.embedded;

import static io.stork.embedded.Web.sum;
import static io.stork.embedded.Web.value;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.client.StorkClient;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorkException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics of an embedded cluster against states the test made, and counts that move as an upload runs and a node dies. */
class MetricsTest {
  static final String CONFIG = """
      stork.http.port = 0
      stork.chunk-size = 256KiB
      stork.repair.startup-grace = 500ms
      stork.storage-node.scrub-bytes-per-second = 0
      """;
  static final int MIB = 1 << 20;

  private static Map<String, Double> readyAndScraped(EmbeddedCluster cluster) {
    String url = cluster.httpUrl().orElseThrow();
    await().atMost(Duration.ofSeconds(20)).until(() -> Web.get(url + "ready").statusCode() == 200);
    return Web.scrape(url);
  }

  @Test
  void theNumbersAreThoseOfTheStateTheTestMade(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, CONFIG)) {
      StorkClient client = cluster.client();
      client.upload("a", TestData.random(MIB, 1)); // 4 chunks
      client.upload("b", TestData.random(10, 2)); // 1 chunk
      String url = cluster.httpUrl().orElseThrow();
      assertEquals("alive\n", Web.get(url + "alive").body());
      await().untilAsserted(() -> assertEquals(15.0, sum(Web.scrape(url), "stork_storage_chunks"), "5 chunks x 3 replicas on disk"));
      Map<String, Double> s = readyAndScraped(cluster);
      assertEquals(2, value(s, "stork_namenode_artifacts"));
      assertEquals(5, value(s, "stork_namenode_chunks"));
      assertEquals(MIB + 10, value(s, "stork_namenode_stored_bytes"));
      assertEquals(0, value(s, "stork_namenode_chunks_under_replicated"));
      assertEquals(0, value(s, "stork_namenode_chunks_unavailable"));
      assertEquals(0, value(s, "stork_namenode_repair_queue_chunks"));
      assertEquals(0, value(s, "stork_namenode_leases_open"));
      assertEquals(3, value(s, "stork_namenode_replication"));
      assertEquals(1, value(s, "stork_namenode_answering"));
      assertEquals(5, value(s, "stork_namenode_nodes{state=\"up\"}"));
      assertEquals(0, value(s, "stork_namenode_nodes{state=\"dead\"}"));
      assertEquals(2, value(s, "stork_namenode_uploads_total{outcome=\"committed\"}"));
      assertEquals(2, value(s, "stork_namenode_upload_seconds_count"));
      assertTrue(value(s, "stork_namenode_journal_fsync_seconds_count") >= 1, "the commits were fsynced");
      assertEquals(3.0 * (MIB + 10), sum(s, "stork_storage_used_bytes"));
      assertEquals(5 * (64.0 * 1024 * MIB), sum(s, "stork_storage_capacity_bytes"));
      assertTrue(sum(s, "stork_storage_write_seconds_count") >= 15, "every replica written");
      assertEquals(5, sum(s, "stork_storage_reported"));
      assertTrue(value(s, "jvm_memory_used_bytes{area=\"heap\"}") > 0, "the JVM's own collectors");
      assertTrue(s.keySet().stream().anyMatch(k -> k.startsWith("jvm_gc_collection_seconds_count{")), "garbage collections");

      client.getBytes("a");
      assertThrows(StorkException.class, () -> client.getBytes("nothing"));
      assertThrows(StorkException.class, () -> client.upload("a", new byte[] {1}));
      client.delete("b");
      assertThrows(StorkException.class, () -> client.delete("b"));
      Map<String, Double> after = Web.scrape(url);
      assertEquals(1, value(after, "stork_namenode_gets_total{outcome=\"ok\"}"));
      assertEquals(1, value(after, "stork_namenode_get_seconds_count"));
      assertEquals(1, value(after, "stork_namenode_gets_total{outcome=\"not_found\"}"));
      assertEquals(1, value(after, "stork_namenode_uploads_total{outcome=\"already_exists\"}"));
      assertEquals(1, value(after, "stork_namenode_deletes_total{outcome=\"ok\"}"));
      assertEquals(1, value(after, "stork_namenode_deletes_total{outcome=\"not_found\"}"));
      assertEquals(1, value(after, "stork_namenode_delete_seconds_count"));
      assertEquals(1, value(after, "stork_namenode_artifacts"));
      assertTrue(sum(after, "stork_storage_read_seconds_count") >= 4, "the four chunks of 'a' were read");
    }
  }

  /** Content whose second half is held back until {@code release} opens: the upload stays in flight meanwhile. */
  private static InputStream heldBack(byte[] first, byte[] second, CountDownLatch release) {
    InputStream rest = new InputStream() {
      private InputStream content;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (content == null) {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
          }
          content = new java.io.ByteArrayInputStream(second);
        }
        return content.read(buffer, offset, length);
      }
    };
    return new SequenceInputStream(new java.io.ByteArrayInputStream(first), rest);
  }

  @Test
  void scrapesSeeAnUploadInFlightThenAKilledNodeAndItsHealing(@TempDir Path dir) {
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, CONFIG)) {
      StorkClient client = cluster.client();
      String url = cluster.httpUrl().orElseThrow();
      Map<String, Double> before = readyAndScraped(cluster);
      assertEquals(0, value(before, "stork_namenode_leases_open"));

      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<ArtifactVersion> upload = CompletableFuture.supplyAsync(() -> client.write("big", false,
          heldBack(TestData.random(MIB, 3), TestData.random(MIB, 4), release), 2L * MIB, StorkClient.WriteOptions.DEFAULT,
          io.stork.client.TransferListener.NONE));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        Map<String, Double> during = Web.scrape(url);
        assertEquals(1, value(during, "stork_namenode_leases_open"), "the upload holds its lease");
        assertTrue(sum(during, "stork_storage_write_seconds_count") >= 9, "its first chunks are on the nodes already");
        assertEquals(0, value(during, "stork_namenode_artifacts"), "and nothing is visible yet");
      });
      release.countDown();
      assertEquals(2L * MIB, upload.join().size());
      Map<String, Double> uploaded = Web.scrape(url);
      assertEquals(0, value(uploaded, "stork_namenode_leases_open"));
      assertEquals(1, value(uploaded, "stork_namenode_uploads_total{outcome=\"committed\"}"));
      assertEquals(8, value(uploaded, "stork_namenode_chunks"));

      String victim = client.nodes().stream().max(Comparator.comparingLong(NodeStatus::chunks)).orElseThrow().id();
      cluster.stopStorageNode(victim);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        Map<String, Double> healed = Web.scrape(url);
        assertEquals(1, value(healed, "stork_namenode_nodes{state=\"dead\"}"));
        assertEquals(4, value(healed, "stork_namenode_nodes{state=\"up\"}"));
        assertEquals(0, value(healed, "stork_namenode_chunks_under_replicated"));
        assertEquals(0, value(healed, "stork_namenode_repair_copies_running"));
        assertTrue(value(healed, "stork_namenode_repair_copied_chunks_total") >= 1, "the dead node's chunks were copied");
        assertTrue(value(healed, "stork_namenode_repair_copied_bytes_total") >= 256 << 10);
        assertFalse(healed.containsKey("stork_storage_chunks{node=\"" + victim + "\"}"), "a stopped node reports nothing");
        assertEquals(24, sum(healed, "stork_storage_chunks"), "8 chunks x 3 replicas on the live nodes");
      });
    }
  }
}
