package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ClusterEvent;
import io.stork.protocol.NodeState;
import io.stork.protocol.StorageNodeProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The end of an unreachable node's grace: it is given up, its replicas stop counting, and its word counts nothing until it is back. */
class MembershipTest {
  static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("MembershipTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aNodeUnreachablePastItsGraceIsGivenUpAndItsReportsCountNothingUntilItIsBack() {
    KeeperTables tables = new KeeperTables();
    List<ActorRef<StorageNodeProtocol.Command>> refs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      refs.add(testKit.<StorageNodeProtocol.Command>createTestProbe().getRef());
      tables.join("sn-" + i, refs.get(i - 1));
    }
    List<ClusterEvent> events = new ArrayList<>();
    Membership membership = new Membership(LoggerFactory.getLogger(MembershipTest.class), 3, tables.nodes, tables.replicas,
        tables.repairs, events::add, chunkId -> false, testKit.<StorageNodeProtocol.Report>createTestProbe().getRef(), node -> {},
        tables.records);
    ChunkId chunk = tables.placeOne();
    tables.setState("sn-3", NodeState.UNREACHABLE);
    tables.commit(chunk, List.of("sn-1", "sn-2", "sn-3"));
    assertEquals(3, tables.replicas.replicaCount(chunk));

    membership.onUnreachableTooLong(refs.get(2));
    assertTrue(tables.nodes.isGivenUp("sn-3"));
    assertEquals(List.of("sn-1", "sn-2"), tables.replicas.replicas(chunk).stream().sorted().toList());
    assertEquals(1, tables.repairs.limits().queuedChunks(), "copied again");
    membership.onUnreachableTooLong(refs.get(2));
    assertEquals(1, events.size(), "given up once: " + events);

    membership.onReport(KeeperTables.description("sn-3", refs.get(2), List.of(chunk))); // a late answer, still unreachable
    assertEquals(2, tables.replicas.replicaCount(chunk), "a node given up counts nothing it says");

    tables.setState("sn-3", NodeState.UP); // back (the keeper asks it to describe itself then)
    assertFalse(tables.nodes.isGivenUp("sn-3"));
    membership.onReport(KeeperTables.description("sn-3", refs.get(2), List.of(chunk)));
    assertEquals(3, tables.replicas.replicaCount(chunk), "its report counts again");
  }

  @Test
  void aNodeIsUnreachableWhileEitherTheFailureDetectorOrItsProcessWatchSaysSo() {
    KeeperTables tables = new KeeperTables();
    List<TestProbe<StorageNodeProtocol.Command>> probes = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      probes.add(testKit.createTestProbe());
      tables.join("sn-" + i, probes.get(i - 1).getRef());
    }
    List<ClusterEvent> events = new ArrayList<>();
    Membership membership = new Membership(LoggerFactory.getLogger(MembershipTest.class), 3, tables.nodes, tables.replicas,
        tables.repairs, events::add, chunkId -> false, testKit.<StorageNodeProtocol.Report>createTestProbe().getRef(), node -> {},
        tables.records);
    ActorRef<StorageNodeProtocol.Command> third = probes.get(2).getRef();
    // Every probe lives at the test kit's address: the failure detector's word reaches all three.
    Address address = third.path().address();

    assertEquals(List.of("sn-3"), ids(membership.onProcessSeen(third, false)), "its process is gone: unreachable at once");
    assertEquals(ClusterEvent.Kind.NODE_UNREACHABLE, events.get(events.size() - 1).kind());
    assertEquals(List.of("sn-1", "sn-2"), ids(membership.onReachability(address, false)).stream().sorted().toList(),
        "sn-3 is unreachable already");
    membership.onReachability(address, true);
    assertEquals(NodeState.UP, tables.nodes.get("sn-1").state);
    assertEquals(NodeState.UNREACHABLE, tables.nodes.get("sn-3").state, "the failure detector is not the only one to say so");
    probes.get(0).expectMessageClass(StorageNodeProtocol.Describe.class);
    probes.get(1).expectMessageClass(StorageNodeProtocol.Describe.class);
    probes.get(2).expectNoMessage(Duration.ofMillis(50));
    assertEquals(List.of(), membership.onProcessSeen(third, true));
    assertEquals(NodeState.UP, tables.nodes.get("sn-3").state);
    probes.get(2).expectMessageClass(StorageNodeProtocol.Describe.class); // counts what it stored meanwhile
    assertEquals(List.of(), membership.onProcessSeen(testKit.<StorageNodeProtocol.Command>createTestProbe().getRef(), false),
        "a watch of a node no longer known changes nothing");
  }

  private static List<String> ids(List<NodeTable.Node> nodes) {
    return nodes.stream().map(node -> node.id).toList();
  }
}
