package io.stork.embedded;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.ChunkId;
import io.stork.protocol.NameNodeProtocol;
import io.stork.runtime.Requests;
import java.time.Duration;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import io.stork.storagenode.ChunkStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Starting clusters with test settings, and looking at what they left on disk. */
public final class ClusterFixture {
  private ClusterFixture() {}

  public static EmbeddedCluster start(Path dir, String hocon) {
    return start(dir, hocon, StorageNodeWrapper.NONE);
  }

  public static EmbeddedCluster start(Path dir, String hocon, StorageNodeWrapper wrapper) {
    Config config = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load());
    return EmbeddedCluster.start(dir, config, wrapper);
  }

  /** Every chunk id held on the disk of {@code nodeId}. */
  public static Set<ChunkId> chunksOnDisk(EmbeddedCluster cluster, String nodeId) {
    Path dir = cluster.nodeDir(nodeId);
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try {
      return new HashSet<>(ChunkStore.inspect(dir).chunks().keySet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every chunk the current versions reference. */
  public static Set<ChunkId> wantedChunks(EmbeddedCluster cluster) {
    Set<ChunkId> wanted = new HashSet<>();
    for (ArtifactStatus artifact : cluster.client().allArtifacts("")) {
      cluster.client().locate(artifact.name()).version().chunks().forEach(c -> wanted.add(c.id()));
    }
    return wanted;
  }

  /** How many disks hold each chunk, over every node (running or not). */
  public static java.util.Map<ChunkId, Integer> diskCopies(EmbeddedCluster cluster) {
    java.util.Map<ChunkId, Integer> copies = new java.util.HashMap<>();
    for (String node : cluster.nodeIds()) {
      chunksOnDisk(cluster, node).forEach(c -> copies.merge(c, 1, Integer::sum));
    }
    return copies;
  }

  /**
   * Invariant 3, as seen from outside: every chunk of every artifact has exactly R live replicas
   * (by the name node and on disk), and no disk holds a chunk nobody wants.
   */
  public static void assertHealed(EmbeddedCluster cluster, int replication) {
    ClusterSummary status = cluster.client().summary();
    org.junit.jupiter.api.Assertions.assertEquals(0, status.underReplicatedChunks(), "under-replicated chunks");
    org.junit.jupiter.api.Assertions.assertEquals(0, status.copiesInFlight(), "copies in flight");
    Set<ChunkId> wanted = wantedChunks(cluster);
    java.util.Map<ChunkId, Integer> copies = diskCopies(cluster);
    org.junit.jupiter.api.Assertions.assertEquals(wanted, copies.keySet(), "the disks hold exactly the wanted chunks");
    copies.forEach((chunk, count) -> org.junit.jupiter.api.Assertions.assertEquals(replication, count, "disk copies of " + chunk));
  }

  /** The name node's answer to a locate, with the storage nodes' refs, as a peer would see it. */
  public static NameNodeProtocol.Located located(EmbeddedCluster cluster, String name) {
    return (NameNodeProtocol.Located) Requests.await(AskPattern.<NameNodeProtocol.Command, NameNodeProtocol.LocateReply>ask(
        cluster.nameNode(), replyTo -> new NameNodeProtocol.Locate(name, replyTo), Duration.ofSeconds(10), cluster.scheduler()),
        "the name node", Duration.ofSeconds(10));
  }

  public static Set<ChunkId> chunksOnAnyDisk(EmbeddedCluster cluster) {
    Set<ChunkId> all = new HashSet<>();
    for (String node : cluster.nodeIds()) {
      all.addAll(chunksOnDisk(cluster, node));
    }
    return all;
  }
}
