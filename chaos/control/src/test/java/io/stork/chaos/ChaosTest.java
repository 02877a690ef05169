package io.stork.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.embedded.ClusterFixture;
import io.stork.embedded.EmbeddedCluster;
import io.stork.embedded.TestData;
import io.stork.protocol.NodeState;
import io.stork.protocol.StorkException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each chaos operation on a real embedded cluster, and the store coping with it. */
class ChaosTest {
  static final Duration HEAL = Duration.ofSeconds(60);
  @TempDir Path dir;
  EmbeddedCluster cluster;
  Chaos chaos;
  final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    Chaos.Injector injector = Chaos.Injector.create();
    cluster = ClusterFixture.start(dir, "", injector.wrapper());
    chaos = injector.attach(cluster, 42, events::add);
  }

  @AfterEach
  void stop() {
    chaos.close();
    cluster.close();
  }

  @Test
  void killAndRestartANode() {
    byte[] content = TestData.random(500_000, 1);
    cluster.client().upload("a", content);
    assertEquals("killed sn-3", chaos.kill("sn-3"));
    assertTrue(cluster.client().nodes().stream().anyMatch(n -> n.id().equals("sn-3") && n.state() == NodeState.DEAD),
        "kill returns once the name node has seen the node dead");
    assertArrayEquals(content, cluster.client().getBytes("a"));
    assertEquals("sn-3 is not running", assertThrows(StorkException.class, () -> chaos.kill("sn-3")).getMessage());
    assertTrue(chaos.status().contains("down: sn-3"), chaos.status().toString());
    assertEquals("restarted sn-3 (it rejoined with its data)", chaos.restart("sn-3"));
    await().atMost(HEAL).untilAsserted(() -> ClusterFixture.assertHealed(cluster, 3));
    assertTrue(assertThrows(StorkException.class, () -> chaos.kill("sn-9")).getMessage().startsWith("no storage node 'sn-9'"));
    assertThrows(StorkException.class, () -> chaos.killRandom(6));
    assertTrue(chaos.killRandom(2).startsWith("killed sn-"));
  }

  @Test
  void operationsSucceedWhileMessagesToStorageNodesAreDroppedAndDelayed() {
    chaos.drop(20, null);
    chaos.delay(Duration.ZERO, Duration.ofMillis(30), null);
    for (int i = 0; i < 5; i++) {
      byte[] content = TestData.random(300_000, i);
      cluster.client().upload("lossy-" + i, content);
      assertArrayEquals(content, cluster.client().getBytes("lossy-" + i));
    }
    cluster.client().delete("lossy-0");
    chaos.off();
    await().atMost(HEAL).untilAsserted(() -> ClusterFixture.assertHealed(cluster, 3));
  }

  @Test
  void aCorruptedReplicaIsReadAroundAndRepaired() {
    byte[] content = TestData.random(200_000, 7);
    cluster.client().upload("c", content);
    String said = chaos.corrupt("c");
    assertTrue(said.matches("flipped a byte of chunk \\d of 'c' on sn-\\d"), said);
    for (int i = 0; i < 6; i++) {
      assertArrayEquals(content, cluster.client().getBytes("c"));
    }
    await().atMost(HEAL).untilAsserted(() -> ClusterFixture.assertHealed(cluster, 3));
    assertThrows(StorkException.class, () -> chaos.corrupt("no-such-artifact"));
  }

  @Test
  void theMonkeyKillsAndRestartsWithinItsLimit() {
    cluster.client().upload("m", TestData.random(400_000, 8));
    chaos.startMonkey(Duration.ofMillis(300), 2);
    assertThrows(StorkException.class, () -> chaos.startMonkey(Duration.ofSeconds(1), 1));
    await().atMost(HEAL).until(() -> events.stream().filter(e -> e.startsWith("chaos monkey restarted")).count() >= 3);
    assertTrue(chaos.stopMonkey().startsWith("chaos monkey stopped"));
    assertEquals(5, cluster.runningNodes().size(), "its victims run again");
    await().atMost(HEAL).untilAsserted(() -> ClusterFixture.assertHealed(cluster, 3));
    assertThrows(StorkException.class, () -> chaos.startMonkey(Duration.ofSeconds(1), 5));
  }
}
