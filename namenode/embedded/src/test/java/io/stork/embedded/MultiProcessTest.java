package io.stork.embedded;

import com.typesafe.config.ConfigFactory;
import io.stork.client.ArtifactReplicas;
import io.stork.client.ClusterConnection;
import io.stork.client.StorkClient;
import io.stork.protocol.ChunkId;
import io.stork.protocol.NodeState;
import io.stork.runtime.ClusterConfig;
import io.stork.runtime.Requests;
import org.apache.pekko.actor.typed.ActorSystem;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorkException;
import io.stork.protocol.StorkMessage;
import io.stork.runtime.HostPort;
import io.stork.runtime.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A name node and four storage nodes, each a JVM of its own on its own loopback address, talking
 * TLS with keys made by scripts/stork-keys; this JVM is a client outside their cluster. The
 * steps build on each other: store, lose a storage node to SIGKILL, lose the name node to SIGKILL,
 * and meet peers that misbehave.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiProcessTest {
  private static final Duration JOINED = Duration.ofSeconds(120);
  private static final List<String> NODES = List.of("sn-1", "sn-2", "sn-3", "sn-4");
  private static final List<String> ZONES = List.of("a", "b", "c", "a");

  @TempDir
  static Path dir;
  static StorkProcesses processes;
  static HostPort nameNode;
  static Transport transport;
  static ClusterConnection connection;
  static byte[] large = TestData.random(20 << 20, 7);

  /** A message type this JVM knows and the cluster's processes do not. */
  record Stranger(String text) implements StorkMessage {}

  @BeforeAll
  static void startCluster() throws Exception {
    Path keys = makeKeys("keys");
    transport = Transport.tls(keys);
    processes = new StorkProcesses(dir, List.of("--keys", keys.toString()));
    nameNode = new HostPort("127.0.0.1", StorkProcesses.freePort("127.0.0.1"));
    processes.startNameNode(nameNode.host(), nameNode.port());
    for (int i = 0; i < NODES.size(); i++) {
      processes.startStorageNode(NODES.get(i), "127.0.0." + (i + 2), nameNode.toString(), ZONES.get(i));
    }
    connection = connect();
    awaitUp(NODES.size());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    try {
      if (connection != null) {
        connection.close();
      }
    } finally {
      processes.close();
    }
  }

  @Test
  @Order(1)
  void storesUpdatesServesAndDeletesAcrossProcesses() throws Exception {
    StorkClient client = connection.client();
    client.upload("small", "hello".getBytes());
    Path file = Files.write(dir.resolve("large.bin"), large);
    assertEquals(20, client.upload("large", file).chunks().size());
    client.upload("doomed", "x".getBytes());
    assertEquals(2, client.update("small", "hello again".getBytes()).version());
    client.delete("doomed");

    assertArrayEquals("hello again".getBytes(), client.getBytes("small"));
    assertArrayEquals(large, client.getBytes("large"));
    assertEquals(List.of("large", "small"), client.names("", 10));
    assertEquals("artifact 'doomed' not found", assertThrows(StorkException.class, () -> client.getBytes("doomed")).getMessage());
  }

  @Test
  @Order(2)
  void aStorageNodeKilledBySigkillIsReadAroundThenHealedThenRejoins() throws Exception {
    StorkClient client = connection.client();
    String victim = client.nodes().stream().max(Comparator.comparingLong(NodeStatus::chunks)).orElseThrow().id();
    processes.kill(victim);

    // Unreachable first (seconds later), dead a few seconds after that: meanwhile it is not read from.
    awaitState(victim, NodeState.UNREACHABLE);
    assertTrue(client.locate("large").chunks().stream().noneMatch(chunk -> chunk.nodeIds().contains(victim)),
        "an unreachable node is not read from");
    assertArrayEquals(large, client.getBytes("large"), "readable while the node is unreachable");
    awaitState(victim, NodeState.DEAD);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertEquals(0, client.summary().underReplicatedChunks());
      for (ArtifactReplicas.ChunkReplicas chunk : client.locate("large").chunks()) {
        assertEquals(3, chunk.nodeIds().size());
        assertFalse(chunk.nodeIds().contains(victim));
      }
    });
    assertArrayEquals(large, client.getBytes("large"));

    int index = NODES.indexOf(victim);
    processes.startStorageNode(victim, "127.0.0." + (index + 2), nameNode.toString(), ZONES.get(index));
    awaitState(victim, NodeState.UP);
  }

  @Test
  @Order(3)
  void theNameNodeKilledBySigkillComesBackFromItsJournalAndTheNodesRejoin() throws Exception {
    processes.kill("namenode");
    connection.close(); // a new connection, as a user would open after an error
    // The storage nodes see the name node unreachable, leave the old cluster, and keep trying to join.
    await().atMost(JOINED).untilAsserted(() -> NODES.forEach(id ->
        assertTrue(processes.output(id).contains("storage node " + id + " is out of the cluster"), id)));
    processes.startNameNode(nameNode.host(), nameNode.port());
    connection = connect();
    awaitUp(NODES.size());

    StorkClient client = connection.client();
    assertEquals(List.of("large", "small"), client.names("", 10));
    assertArrayEquals(large, client.getBytes("large"));
    assertArrayEquals("hello again".getBytes(), client.getBytes("small"));
    assertEquals(2, client.locate("small").version().version());
  }

  @Test
  @Order(4)
  void badPeersAreLoggedAndRefusedAndChangeNothing() throws Exception {
    StorkClient client = connection.client();
    AtomicInteger describes = new AtomicInteger();
    // Storage nodes that are not what they claim, in a member of the cluster (impostors need the
    // receptionist, which only members share): one with a malformed id, one with the id of a live node.
    ActorSystem<Void> member = ActorSystem.create(Behaviors.empty(), ClusterConfig.SYSTEM_NAME, ClusterConfig.of(
        ClusterConfig.STORAGE_ROLE, new HostPort("127.0.0.1", 0), nameNode, transport, ConfigFactory.empty()));
    member.systemActorOf(impostor("../evil", describes), "impostor-1", Props.empty());
    member.systemActorOf(impostor("sn-1", describes), "impostor-2", Props.empty());
    // A message the name node's process cannot deserialize (it does not know the type).
    @SuppressWarnings("unchecked")
    ActorRef<Object> anyRef = (ActorRef<Object>) (ActorRef<?>) resolveNameNode();
    anyRef.tell(new Stranger("who are you?"));
    // A message it knows, sent to the wrong actor.
    anyRef.tell(new StorageNodeProtocol.DeleteChunks(List.of(ChunkId.random())));

    await().atMost(Duration.ofSeconds(30)).until(() -> describes.get() >= 2);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      String log = processes.output("namenode"); // its log goes to its stdout here: no logback.xml on this classpath
      assertTrue(log.contains("refused a storage node report with a malformed id"), "malformed id logged");
      assertTrue(log.contains("refused a second storage node with id sn-1 while the first is up"), "duplicate id logged");
      assertTrue(log.contains(Stranger.class.getName()), "the undeserializable message logged");
    });
    // Leaves only once it is Up: a member terminated while still joining once hung in Artery's
    // shutdown flush for over 30 s (its impostors had answered within a second of the Welcome).
    await().atMost(Duration.ofSeconds(30)).until(() -> Cluster.get(member).selfMember().status() == MemberStatus.up());
    Requests.terminate(member, "the impostors' member"); // its impostors leave with it
    List<NodeStatus> nodes = client.nodes();
    assertEquals(NODES, nodes.stream().map(NodeStatus::id).toList());
    assertTrue(nodes.stream().allMatch(NodeStatus::isUp));
    assertArrayEquals(large, client.getBytes("large"));
    assertTrue(processes.process("namenode").isAlive());
  }

  @Test
  @Order(5)
  void aStrangerWithItsOwnCertificateGetsNothingAndChangesNothing() throws Exception {
    Transport foreign = Transport.tls(makeKeys("foreign-keys"));
    StorkException refused = assertThrows(StorkException.class, () -> ClusterConnection.open(nameNode,
        new HostPort("127.0.0.1", 0), foreign, ConfigFactory.empty(), Duration.ofSeconds(8)));
    assertTrue(refused.getMessage().startsWith("no name node answered at " + nameNode), refused.getMessage());

    StorkClient client = connection.client();
    assertEquals(List.of("large", "small"), client.names("", 10));
    assertArrayEquals("hello again".getBytes(), client.getBytes("small"));
    assertEquals(NODES.size(), client.nodes().stream().filter(n -> n.isUp()).count());
  }

  private static Behavior<StorageNodeProtocol.Command> impostor(String claimedId, AtomicInteger describes) {
    return Behaviors.setup(context -> {
      context.getSystem().receptionist().tell(Receptionist.register(StorageNodeProtocol.SERVICE_KEY, context.getSelf()));
      return Behaviors.receive(StorageNodeProtocol.Command.class)
          .onMessage(StorageNodeProtocol.Describe.class, describe -> {
            describes.incrementAndGet();
            describe.replyTo().tell(new StorageNodeProtocol.Description(claimedId, "a", List.of(), 1 << 30, 0, List.of(), context.getSelf(), ""));
            return Behaviors.same();
          })
          .onAnyMessage(other -> Behaviors.same())
          .build();
    });
  }

  private static ActorRef<NameNodeProtocol.Command> resolveNameNode() {
    return org.apache.pekko.actor.typed.ActorRefResolver.get(connection.system())
        .resolveActorRef("pekko://stork@" + nameNode + NameNodeProtocol.PATH);
  }

  private static ClusterConnection connect() {
    return ClusterConnection.open(nameNode, new HostPort("127.0.0.1", 0), transport,
        ConfigFactory.parseMap(Map.of("pekko.loglevel", "WARNING")), JOINED);
  }

  private static void awaitUp(int count) {
    await().atMost(JOINED).untilAsserted(() -> assertEquals(count,
        connection.client().nodes().stream().filter(n -> n.isUp()).count(),
        () -> "storage nodes up; sn-1 says: " + processes.output("sn-1")));
  }

  private static void awaitState(String nodeId, NodeState state) {
    await().atMost(JOINED).until(() -> connection.client().nodes().stream()
        .anyMatch(n -> n.id().equals(nodeId) && n.state() == state));
  }

  private static Path makeKeys(String name) throws Exception {
    return StorkProcesses.makeKeys(dir, name);
  }

}
