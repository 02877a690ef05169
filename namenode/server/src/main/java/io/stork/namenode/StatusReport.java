package io.stork.namenode;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ClusterStatus;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link ClusterStatus} from the name node's state. */
final class StatusReport {
  private StatusReport() {}

  static ClusterStatus of(NameNodeSettings settings, NodeTable nodes, Namespace namespace, ReplicaMap replicas,
                          ReplicaKeeper keeper) {
    List<ClusterStatus.NodeStatus> nodeStatuses = new ArrayList<>();
    for (NodeTable.Node node : nodes.all()) {
      nodeStatuses.add(new ClusterStatus.NodeStatus(node.id, node.state.name().toLowerCase(), node.zone,
          node.capabilities, replicas.chunksOn(node.id), node.usedBytes, node.capacityBytes));
    }
    List<ClusterStatus.ArtifactStatus> artifacts = new ArrayList<>(namespace.size());
    long under = 0;
    long unavailable = 0;
    for (ArtifactVersion version : namespace.all()) {
      long live = 0;
      int min = version.chunks().isEmpty() ? settings.replication() : Integer.MAX_VALUE;
      for (ChunkRef chunk : version.chunks()) {
        int count = replicas.replicaCount(chunk.id());
        live += count;
        min = Math.min(min, count);
        if (count < settings.replication()) {
          under++;
        }
        if (count == 0) {
          unavailable++;
        }
      }
      artifacts.add(new ClusterStatus.ArtifactStatus(version.name(), version.version(), version.size(),
          version.chunks().size(), live, min, version.committedAtMillis()));
    }
    return new ClusterStatus(settings.replication(), settings.chunkSize(), nodeStatuses, artifacts, under, unavailable,
        keeper.copiesInFlight(), keeper.chunksRepaired(), keeper.bytesRepaired());
  }
}
