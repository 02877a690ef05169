package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NameNodeProtocol.ChunkLocation;
import io.stork.protocol.NodeRef;
import io.stork.protocol.NodeState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where readers are sent: replicas on nodes up, then apart those on nodes unreachable but not given up; none on a node given up or dead. */
class StatusReportTest {
  @Test
  void replicasOnNodesUnreachableWithinTheirGraceAreOfferedApart() {
    KeeperTables tables = new KeeperTables().join(4);
    ChunkId chunk = tables.placeOne();
    tables.commit(chunk, List.of("sn-1", "sn-2", "sn-3", "sn-4")); // only the three it was placed on count
    List<String> holders = tables.replicas.replicas(chunk).stream().sorted().toList();
    assertEquals(3, holders.size(), holders.toString());
    tables.setState(holders.get(1), NodeState.UNREACHABLE);
    tables.setState(holders.get(2), NodeState.UNREACHABLE);
    tables.nodes.giveUp(tables.nodes.get(holders.get(2))); // its replica is about to be dropped: never offered

    ArtifactVersion version = new ArtifactVersion("a", 1, KeeperTables.SIZE, "00",
        List.of(new ChunkRef(chunk, KeeperTables.SIZE, 0)), 0, List.of());
    ChunkLocation location = new StatusReport(3, 1 << 20, tables.nodes, tables.replicas).locations(version).get(0);

    assertEquals(List.of(holders.get(0)), ids(location.replicas()));
    assertEquals(List.of(holders.get(1)), ids(location.unreachable()));
  }

  @Test
  void aRetiredChunkShortOfReplicasIsNotUnderReplicated() {
    KeeperTables tables = new KeeperTables().join(3);
    ChunkId kept = tables.placeOne();
    tables.commit(kept, List.of("sn-1", "sn-2", "sn-3"));
    ChunkId deleted = tables.placeOne();
    tables.commit(deleted, List.of("sn-1", "sn-2", "sn-3"));
    tables.replicas.retire(List.of(deleted));
    tables.replicas.dropNode("sn-3");
    ClusterSummary summary = new StatusReport(3, 1 << 20, tables.nodes, tables.replicas).summary(1, 0, 0, tables.repairs, "");
    assertEquals(1, summary.underReplicatedChunks(), "only the chunk a version wants");
    assertEquals(2, summary.chunks(), "the retired one is still held");
  }

  private static List<String> ids(List<NodeRef> refs) {
    return refs.stream().map(NodeRef::nodeId).toList();
  }
}
