package io.stork.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.stork.client.StorkClient;
import io.stork.embedded.ClusterFixture;
import io.stork.embedded.EmbeddedCluster;
import io.stork.embedded.TestData;
import io.stork.protocol.StorkException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent uploads, updates, deletes and gets while the chaos monkey kills and restarts nodes (at
 * most R-1 down) and 5% of the messages to storage nodes are lost. Each client keeps a model of
 * what each of its artifacts may hold: a get must always return one of those contents, and after
 * the faults stop every artifact reads back as its last acknowledged content, every chunk has R
 * replicas, and no disk holds an orphan. Reproducible: the seed is printed; rerun with
 * {@code -Dstork.chaos.seed=SEED}.
 */
class RandomizedChaosTest {
  static final int CLIENTS = 4;
  static final int OPERATIONS = 20;
  static final int NAMES_PER_CLIENT = 3;

  @Test
  void theStoreStaysCorrectUnderRandomFaults(@TempDir Path dir) throws Exception {
    long seed = Long.getLong("stork.chaos.seed", System.nanoTime());
    System.out.println("RandomizedChaosTest seed " + seed + " (rerun with -Dstork.chaos.seed=" + seed + ")");
    Chaos.Injector injector = Chaos.Injector.create();
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "", injector.wrapper());
         Chaos chaos = injector.attach(cluster, seed, event -> System.out.println("event: " + event))) {
      chaos.drop(5, null);
      chaos.startMonkey(Duration.ofMillis(1500), 2);
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<Model>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(pool.submit(() -> runClient(cluster.client(), client, new Random(seed + client))));
      }
      List<Model> models = new ArrayList<>();
      for (Future<Model> client : clients) {
        models.add(client.get());
      }
      pool.shutdown();
      chaos.stopMonkey();
      chaos.off();

      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> ClusterFixture.assertHealed(cluster, 3));
      for (Model model : models) {
        model.possible.forEach((name, contents) -> model.checkGet(cluster.client(), name, "seed " + seed + ", at the end"));
      }
    }
  }

  private static Model runClient(StorkClient client, int id, Random random) {
    Model model = new Model();
    for (int n = 0; n < NAMES_PER_CLIENT; n++) {
      model.possible.put("client-" + id + "/artifact-" + n, listOf((byte[]) null));
    }
    List<String> names = new ArrayList<>(model.possible.keySet());
    for (int op = 0; op < OPERATIONS; op++) {
      String name = names.get(random.nextInt(names.size()));
      byte[] content = TestData.random(random.nextInt(300_000), random.nextLong());
      int dice = random.nextInt(10);
      try {
        if (model.mayBeAbsent(name) && dice < 5) {
          client.upload(name, content);
          model.possible.put(name, listOf(content));
        } else if (dice < 7) {
          client.update(name, content);
          model.possible.put(name, listOf(content));
        } else if (dice < 9) {
          model.checkGet(client, name, "during the run");
        } else {
          client.delete(name);
          model.possible.put(name, listOf((byte[]) null));
        }
      } catch (StorkException e) {
        model.failed(name, content, e.getMessage());
      }
    }
    return model;
  }

  private static List<byte[]> listOf(byte[] content) {
    List<byte[]> list = new ArrayList<>();
    list.add(content);
    return list;
  }

  /** For each artifact, every content it may hold now (null: absent). */
  static final class Model {
    final Map<String, List<byte[]>> possible = new HashMap<>();

    boolean mayBeAbsent(String name) {
      return possible.get(name).contains(null);
    }

    /** A write failed: it may still have happened (e.g. a commit that outlived the client's wait). */
    void failed(String name, byte[] attempted, String error) {
      List<byte[]> states = possible.get(name);
      if (error.endsWith("not found")) {
        possible.put(name, listOf((byte[]) null));
      } else if (error.contains("already exists")) {
        states.removeIf(java.util.Objects::isNull);
      } else if (!error.contains("is being uploaded")) {
        states.add(attempted);
        states.add(null); // a delete that failed the same way may have happened too
      }
    }

    void checkGet(StorkClient client, String name, String when) {
      try {
        byte[] seen = client.getBytes(name);
        if (possible.get(name).stream().noneMatch(expected -> expected != null && Arrays.equals(expected, seen))) {
          fail(name + " returned " + seen.length + " bytes that no acknowledged or attempted write produced, " + when);
        }
        possible.put(name, listOf(seen));
      } catch (StorkException e) {
        if (e.getMessage().endsWith("not found")) {
          assertTrue(mayBeAbsent(name), name + " vanished although nothing deleted it, " + when);
          possible.put(name, listOf((byte[]) null));
        } else if (when.contains("end")) {
          fail("after the faults stopped, get " + name + " failed: " + e.getMessage());
        }
      }
    }
  }
}
