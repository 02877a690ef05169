package io.stork.client;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeRef;
import java.util.List;

/**
 * Where the current version of an artifact lives: the version, and for each of its chunks the
 * storage nodes that hold a live replica. {@link StorkClient#read} reads exactly this version.
 */
public final class ArtifactReplicas {
  /** One chunk and the ids of the nodes with a live replica of it. */
  public record ChunkReplicas(ChunkRef chunk, List<String> nodeIds) {}

  private final NameNodeProtocol.Located located;
  private final List<ChunkReplicas> chunks;

  /** The view of a name node's answer to a locate. */
  public static ArtifactReplicas of(NameNodeProtocol.Located located) {
    return new ArtifactReplicas(located);
  }

  private ArtifactReplicas(NameNodeProtocol.Located located) {
    this.located = located;
    List<ChunkRef> refs = located.version().chunks();
    this.chunks = java.util.stream.IntStream.range(0, refs.size())
        .mapToObj(i -> new ChunkReplicas(refs.get(i), located.chunks().get(i).replicas().stream().map(NodeRef::nodeId).toList()))
        .toList();
  }

  public ArtifactVersion version() {
    return located.version();
  }

  public List<ChunkReplicas> chunks() {
    return chunks;
  }

  /** The replicas every chunk aims at. */
  public int replication() {
    return located.replication();
  }

  /** The name node's answer, with the storage nodes' refs, for this package's reader. */
  NameNodeProtocol.Located located() {
    return located;
  }
}
