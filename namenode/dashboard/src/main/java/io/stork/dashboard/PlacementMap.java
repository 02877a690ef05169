package io.stork.dashboard;

import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NameNodeProtocol.ChunkLocation;
import io.stork.protocol.NameNodeProtocol.Located;
import io.stork.protocol.NodeRef;
import io.stork.protocol.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the name node's answers (a page of artifacts, their locations) into the dashboard's views. Pure. */
final class PlacementMap {
  private PlacementMap() {}

  /** One row of the map: how many of the artifact's chunks each node holds, and the replicas missing. */
  static Views.Row row(ArtifactStatus status, Located located) {
    Map<String, Integer> byNode = new TreeMap<>();
    long missing = 0;
    for (ChunkLocation chunk : located.chunks()) {
      for (NodeRef replica : chunk.replicas()) {
        byNode.merge(replica.nodeId(), 1, Integer::sum);
      }
      missing += Math.max(0, located.replication() - chunk.replicas().size());
    }
    return new Views.Row(status.name(), located.version().version(), located.version().size(), located.chunks().size(), byNode,
        missing);
  }

  static Views.Placement placement(List<NodeStatus> nodes, List<Views.Row> rows, long artifacts, boolean more) {
    return new Views.Placement(nodes.stream().map(NodeStatus::id).toList(), rows, artifacts, more);
  }

  /** An artifact's page: its version, and each chunk with the nodes of its live replicas. */
  static Views.Artifact artifact(Located located, List<NodeStatus> nodes) {
    ArtifactVersion version = located.version();
    List<Views.Chunk> chunks = new ArrayList<>(version.chunks().size());
    for (int i = 0; i < version.chunks().size(); i++) {
      ChunkRef chunk = version.chunks().get(i);
      List<String> replicas = i < located.chunks().size()
          ? located.chunks().get(i).replicas().stream().map(NodeRef::nodeId).sorted().toList() : List.of();
      chunks.add(new Views.Chunk(i, chunk.id().toString(), chunk.size(), replicas,
          Math.max(0, located.replication() - replicas.size())));
    }
    return new Views.Artifact(version.name(), version.version(), version.size(), version.sha256(), version.committedAtMillis(),
        version.requiredCapabilities(), located.replication(), chunks, nodes);
  }
}
