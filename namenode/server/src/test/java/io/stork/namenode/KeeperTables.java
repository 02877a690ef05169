package io.stork.namenode;

import com.typesafe.config.ConfigFactory;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NodeState;
import io.stork.protocol.StorageNodeProtocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.LoggerFactory;

/**
 * The replica keeper's tables, wired as the keeper wires them, without the actor: for tests of what
 * a commit, a report or a lost node does to them. Deletes are recorded, not sent.
 */
final class KeeperTables {
  static final int SIZE = 100;

  final NameNodeSettings settings = NameNodeSettings.fromConfig(ConfigFactory.load(), Path.of("unused"));
  final NodeTable nodes = new NodeTable();
  final ReplicaMap replicas = new ReplicaMap();
  final PlacedChunks placed = new PlacedChunks(settings.replication());
  final Repairs repairs = new Repairs(LoggerFactory.getLogger(KeeperTables.class), settings, nodes, replicas, new Random(1),
      event -> {}, null);
  /** Every delete asked for, as node id and chunk, in order. */
  final List<Map.Entry<String, ChunkId>> deletes = new ArrayList<>();
  final Wants wants = new Wants(settings.replication(), nodes, replicas, placed, repairs,
      (nodeId, chunkIds) -> chunkIds.forEach(chunkId -> deletes.add(Map.entry(nodeId, chunkId))));

  /** Safe mode and the nodes' records, with no actor to answer pages (these tests send none). */
  final NodeRecords records = new NodeRecords(LoggerFactory.getLogger(KeeperTables.class), settings.replication(), nodes, replicas, placed::isBeingWritten,
      event -> {}, null, new KnownNamespace(List.of(), java.util.Map.of(), 0, false), 0);

  /** Nodes {@code sn-1} up to {@code sn-<count>}, up, addressed by no actor (these tests send nothing). */
  KeeperTables join(int count) {
    for (int i = 1; i <= count; i++) {
      join("sn-" + i, null);
    }
    return this;
  }

  NodeTable.Node join(String nodeId, ActorRef<StorageNodeProtocol.Command> ref) {
    return nodes.join(description(nodeId, ref, List.of()));
  }

  static StorageNodeProtocol.Description description(String nodeId, ActorRef<StorageNodeProtocol.Command> ref,
                                                     List<ChunkId> holds) {
    return new StorageNodeProtocol.Description(nodeId, "", List.of(), 1L << 30, 0, holds, ref, "");
  }

  void setState(String nodeId, NodeState state) {
    nodes.setState(nodes.get(nodeId), state);
  }

  /** One chunk placed for an upload on R of the nodes up now. */
  ChunkId placeOne() {
    PlacedChunks.Outcome outcome = placed.place(nodes, List.of(SIZE), List.of(), List.of(), false, -1, new Random(2));
    return outcome.choices().get(0).chunkId();
  }

  /** Commits a version of {@code chunkId} whose client says {@code written} stored it. */
  void commit(ChunkId chunkId, List<String> written) {
    ArtifactVersion version = new ArtifactVersion("a", 1, SIZE, "00", List.of(new ChunkRef(chunkId, SIZE, 0)), 0, List.of());
    wants.want(version, Map.of(chunkId, written), List.of());
  }
}
