package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.stork.client.StorkClient.WriteOptions;
import io.stork.client.TransferListener;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Under dropped messages, an upload tells its listener which chunk it sends again, to which node, in which attempt. */
class RetryProgressTest {
  @TempDir
  Path dir;

  private record Retry(int chunk, String node, int attempt) {}

  @Test
  void retriesReachTheListenerWithChunkNodeAndAttempt() {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("data"), ConfigFactory.parseString("""
        stork { replication = 3, chunk-size = 64KiB, embedded.storage-nodes = 6
                client { store-timeout = 300ms, max-store-attempts = 30 } }"""))) {
      byte[] content = new byte[20 * 65536]; // 20 chunks
      new Random(3).nextBytes(content);
      List<Retry> retries = new CopyOnWriteArrayList<>();
      TransferListener listener = new TransferListener() {
        @Override
        public void transferred(long doneBytes, long totalBytes) {
        }

        @Override
        public void retrying(int chunk, String nodeId, int attempt) {
          retries.add(new Retry(chunk, nodeId, attempt));
        }
      };
      cluster.chaos().drop(25, null);
      cluster.client().write("retried", false, new ByteArrayInputStream(content), content.length, WriteOptions.DEFAULT, listener);
      cluster.chaos().off();
      assertFalse(retries.isEmpty(), "a quarter of the messages lost: some chunk was sent again");
      for (Retry retry : retries) {
        assertTrue(retry.chunk() >= 0 && retry.chunk() < 20, retry + ": chunks count from 0");
        assertTrue(retry.node().startsWith("sn-"), retry.toString());
        assertTrue(retry.attempt() >= 2, retry.toString());
      }
      assertArrayEquals(content, cluster.client().getBytes("retried"));
    }
  }
}
