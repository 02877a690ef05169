package io.stork.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.client.StorkClient;
import io.stork.embedded.ClusterFixture;
import io.stork.embedded.EmbeddedCluster;
import io.stork.embedded.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 8: one storage node answers everything 2 s late, and the timeouts are a ceiling of ten
 * minutes. Uploads re-place what it does not store in time, reads hedge to another replica, so
 * every operation ends in a bounded time (far from the ceiling), and every byte read is the byte
 * written.
 */
class SlowNodeTest {
  static final Duration CEILING = Duration.ofMinutes(10);

  @Test
  void aNodeThatDelaysEveryMessageByTwoSecondsSlowsNothingToTheCeiling(@TempDir Path dir) {
    Chaos.Injector injector = Chaos.Injector.create();
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "stork.chunk-size = 64KiB\n"
        + "stork.client { store-timeout = 10m, read-timeout = 10m, commit-timeout = 20m }", injector.wrapper());
         Chaos chaos = injector.attach(cluster, 7, event -> { })) {
      StorkClient client = cluster.client();
      Map<String, byte[]> stored = new HashMap<>();
      for (int i = 0; i < 5; i++) { // answers from healthy nodes first: the client learns what a store and a read take
        stored.put("warm-" + i, TestData.random(200_000, i));
        client.upload("warm-" + i, stored.get("warm-" + i));
        client.getBytes("warm-" + i);
      }
      chaos.delay(Duration.ofSeconds(2), Duration.ofSeconds(2), "sn-1");
      // Far from the ceiling, and every operation's chunks touch sn-1 now and then (5 nodes, 3 replicas).
      await().atMost(CEILING.dividedBy(5)).untilAsserted(() -> {
        for (int i = 0; i < 10; i++) {
          String name = "slow-" + i;
          if (!stored.containsKey(name)) {
            byte[] content = TestData.random(300_000, 100 + i);
            client.upload(name, content);
            stored.put(name, content);
          }
        }
        for (Map.Entry<String, byte[]> artifact : stored.entrySet()) {
          assertArrayEquals(artifact.getValue(), client.getBytes(artifact.getKey()), artifact.getKey());
        }
      });
      long[] hedged = client.hedgedReads();
      assertTrue(hedged[0] > 0, "reads of the slow node were hedged: " + hedged[0] + " of " + hedged[1]);
    }
  }
}
