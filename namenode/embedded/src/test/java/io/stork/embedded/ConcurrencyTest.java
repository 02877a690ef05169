package io.stork.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.client.StorkClient;
import io.stork.protocol.StorkException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers racing writers see one committed version, never a mix; racing creators: one wins. */
class ConcurrencyTest {
  @TempDir static Path dir;
  static EmbeddedCluster cluster;
  static StorkClient client;

  @BeforeAll
  static void start() {
    // A long grace so that a slow reader on a replaced version still finds its chunks.
    cluster = ClusterFixture.start(dir, "stork.chunk-size = 64KiB\nstork.garbage-grace = 30s");
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static byte[] filled(int size, byte value) {
    byte[] content = new byte[size];
    Arrays.fill(content, value);
    return content;
  }

  @Test
  void aReaderRacingUpdatesSeesTheOldOrTheNewContentNeverAMix() throws Exception {
    byte[] a = filled(640 * 1024, (byte) 'a');
    byte[] b = filled(384 * 1024, (byte) 'b');
    client.upload("raced", a);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<?> writer = pool.submit(() -> {
        for (int i = 0; i < 30; i++) {
          client.update("raced", i % 2 == 0 ? b : a);
        }
        writing.set(false);
        return null;
      });
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit((Callable<Void>) () -> {
          while (writing.get() || reads.get() < 10) {
            byte[] seen = client.getBytes("raced");
            assertTrue(Arrays.equals(seen, a) || Arrays.equals(seen, b), "a mixed or partial read of " + seen.length + " bytes");
            reads.incrementAndGet();
          }
          return null;
        }));
      }
      writer.get();
      for (Future<?> reader : readers) {
        reader.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(reads.get() >= 10);
    assertEquals(31, client.locate("raced").version().version());
  }

  @Test
  void ofTwoClientsCreatingTheSameNameExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        String name = "contested-" + round;
        List<Future<byte[]>> attempts = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
          byte[] content = TestData.random(200 * 1024, round * 10 + writer);
          attempts.add(pool.submit(() -> {
            try {
              client.upload(name, content);
              return content;
            } catch (StorkException e) {
              assertTrue(e.getMessage().contains("already exists") || e.getMessage().contains("being uploaded"), e.getMessage());
              return null;
            }
          }));
        }
        List<byte[]> winners = new ArrayList<>();
        for (Future<byte[]> attempt : attempts) {
          if (attempt.get() != null) {
            winners.add(attempt.get());
          }
        }
        assertEquals(1, winners.size(), "exactly one creator wins");
        assertArrayEquals(winners.get(0), client.getBytes(name));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
