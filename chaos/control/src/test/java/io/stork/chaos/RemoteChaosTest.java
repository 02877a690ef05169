package io.stork.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.stork.client.ClusterConnection;
import io.stork.embedded.StorkProcesses;
import io.stork.embedded.TestData;
import io.stork.protocol.StorkException;
import io.stork.runtime.HostPort;
import io.stork.runtime.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chaos over storage nodes that are processes of their own: kills end them, drops happen in them. */
class RemoteChaosTest {
  private static final List<String> NODES = List.of("sn-1", "sn-2", "sn-3", "sn-4");
  private static final Duration WITHIN = Duration.ofSeconds(120);

  @TempDir
  static Path dir;
  static StorkProcesses processes;
  static ClusterConnection connection;
  static Chaos chaos;
  static HostPort nameNode;
  static final List<String> events = new CopyOnWriteArrayList<>();

  /** Starts the processes of this test again, as a deployment's launcher would. */
  record TestLauncher() implements RemoteTarget.Launcher {
    @Override
    public Set<String> nodeIds() {
      return Set.copyOf(NODES);
    }

    @Override
    public void start(String nodeId) {
      processes.startStorageNode(nodeId, host(nodeId), nameNode.toString(), "z");
    }

    @Override
    public Path dataDir(String nodeId) {
      return processes.dataDir(nodeId);
    }
  }

  @BeforeAll
  static void start() {
    processes = new StorkProcesses(dir, List.of("--insecure"));
    nameNode = new HostPort("127.0.0.1", StorkProcesses.freePort("127.0.0.1"));
    processes.startNameNode(nameNode.host(), nameNode.port());
    NODES.forEach(id -> processes.startStorageNode(id, host(id), nameNode.toString(), "z"));
    connection = ClusterConnection.open(nameNode, new HostPort("127.0.0.1", 0), Transport.insecure(),
        ConfigFactory.parseMap(java.util.Map.of("pekko.loglevel", "WARNING")), WITHIN);
    await().atMost(WITHIN).until(() -> connection.client().nodes().stream().filter(n -> n.isUp()).count() == 4);
    chaos = Chaos.over(new RemoteTarget(connection, new TestLauncher()), 7, events::add);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      chaos.close();
      connection.close();
    } finally {
      processes.close();
    }
  }

  private static String host(String nodeId) {
    return "127.0.0." + (NODES.indexOf(nodeId) + 2);
  }

  @Test
  void killEndsTheProcessAsACrashAndRestartBringsItBack() throws Exception {
    byte[] content = TestData.random(3 << 20, 5);
    connection.client().upload("kept", content);
    Process sn2 = processes.process("sn-2");
    assertEquals("killed sn-2", chaos.kill("sn-2"));
    assertTrue(sn2.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, sn2.exitValue(), "ended as SIGKILL would end it");
    assertArrayEquals(content, connection.client().getBytes("kept"));
    assertTrue(chaos.status().contains("down: sn-2"), chaos.status().toString());
    assertEquals("sn-2 is not running", assertThrows(StorkException.class, () -> chaos.kill("sn-2")).getMessage());

    // The name node may still see the old incarnation as unreachable: the new one waits until it is downed.
    processes.kill("sn-2");
    assertEquals("restarted sn-2 (it rejoined with its data)", chaos.restart("sn-2"));
    assertArrayEquals(content, connection.client().getBytes("kept"));
  }

  @Test
  void dropsAndDelaysHappenInTheStorageNodeProcesses() {
    byte[] content = TestData.random(2 << 20, 6);
    connection.client().upload("dropped", content);
    assertEquals("drop: 100% of messages to sn-1", chaos.drop(100, "sn-1"));
    await().atMost(WITHIN).untilAsserted(() -> assertTrue(processes.output("sn-1")
        .contains("messages to this node now: [drop: 100% of messages to sn-1]"), "the rules reached sn-1's process"));
    assertEquals(List.of("monkey: off", "drop: 100% of messages to sn-1", "down: none"), chaos.status());
    assertArrayEquals(content, connection.client().getBytes("dropped"), "reads fall back to other replicas");
    assertEquals("drop: 100% of messages to sn-1; delay: 5ms..20ms on messages to every storage node",
        chaos.delay(Duration.ofMillis(5), Duration.ofMillis(20), null));
    assertEquals("messages flow normally again", chaos.off());
    await().atMost(WITHIN).untilAsserted(() -> assertTrue(processes.output("sn-1").contains("messages to this node now: normal")));
  }
}
