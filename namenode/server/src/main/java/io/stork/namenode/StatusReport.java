package io.stork.namenode;

import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.NameNodeProtocol.ChunkLocation;
import io.stork.protocol.NodeRef;
import io.stork.protocol.NodeState;
import io.stork.protocol.NodeStatus;
import java.util.ArrayList;
import java.util.List;

/** Answers to status questions, read from the replica keeper's node table and replica map. */
final class StatusReport {
  private final int replication;
  private final int chunkSize;
  private final NodeTable nodes;
  private final ReplicaMap replicas;

  StatusReport(int replication, int chunkSize, NodeTable nodes, ReplicaMap replicas) {
    this.replication = replication;
    this.chunkSize = chunkSize;
    this.nodes = nodes;
    this.replicas = replicas;
  }

  List<NodeStatus> nodes() {
    List<NodeStatus> statuses = new ArrayList<>();
    for (NodeTable.Node node : nodes.all()) {
      statuses.add(new NodeStatus(node.id, node.state, node.zone, node.capabilities, replicas.chunksOn(node.id),
          node.usedBytes, node.capacityBytes, node.address()));
    }
    return statuses;
  }

  /** The store in numbers; {@code artifacts}, {@code bytes} and {@code uploads} are the name node's, the rest this keeper's. */
  ClusterSummary summary(long artifacts, long bytes, int uploads, Repairs repairs, String safeMode) {
    long under = 0;
    long underBytes = 0;
    long unavailable = 0;
    long waiting = 0;
    for (ChunkId chunkId : replicas.chunkIds()) {
      int count = replicas.replicaCount(chunkId);
      if (count < replication && replicas.needsReplicas(chunkId)) {
        under++;
        underBytes += replicas.chunkSize(chunkId);
        if (count == 0) {
          unavailable++;
        }
        if (!repairs.isCopying(chunkId)) {
          waiting++;
        }
      }
    }
    int up = (int) nodes.all().stream().filter(node -> node.state == NodeState.UP).count();
    return new ClusterSummary(replication, chunkSize, up, nodes.all().size(), artifacts, bytes, replicas.size(), under,
        underBytes, unavailable, repairs.copiesInFlight(), repairs.chunksRepaired(), repairs.bytesRepaired(), waiting, uploads,
        safeMode == null ? "" : safeMode);
  }

  List<ArtifactStatus> describe(List<ArtifactVersion> versions) {
    List<ArtifactStatus> statuses = new ArrayList<>(versions.size());
    for (ArtifactVersion version : versions) {
      long live = 0;
      int min = version.chunks().isEmpty() ? replication : Integer.MAX_VALUE;
      for (ChunkRef chunk : version.chunks()) {
        int count = replicas.replicaCount(chunk.id());
        live += count;
        min = Math.min(min, count);
      }
      statuses.add(new ArtifactStatus(version.name(), version.version(), version.size(), version.sha256(),
          version.chunks().size(), live, min, version.committedAtMillis(), version.requiredCapabilities()));
    }
    return statuses;
  }

  /**
   * Where each chunk of {@code version} can be read now: its replicas on nodes that are up, then
   * (to be tried last) those on nodes unreachable but not given up, which may merely be slow.
   */
  List<ChunkLocation> locations(ArtifactVersion version) {
    List<ChunkLocation> locations = new ArrayList<>(version.chunks().size());
    for (ChunkRef chunk : version.chunks()) {
      List<NodeRef> live = new ArrayList<>(replication);
      List<NodeRef> unreachable = new ArrayList<>(0);
      for (String nodeId : replicas.replicas(chunk.id())) {
        if (nodes.isUp(nodeId)) {
          live.add(nodes.nodeRef(nodeId));
        } else if (nodes.holdsReplicas(nodeId)) {
          unreachable.add(nodes.nodeRef(nodeId));
        }
      }
      locations.add(new ChunkLocation(chunk.id(), live, unreachable));
    }
    return locations;
  }
}
