package io.stork.namenode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stork.storagenode.ChunkStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Starting clusters with test settings, and looking at what they left on disk. */
final class ClusterFixture {
  private ClusterFixture() {}

  static EmbeddedCluster start(Path dir, String hocon) {
    Config config = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load());
    return EmbeddedCluster.start(dir, config);
  }

  /** Every chunk id held on the disk of {@code nodeId}. */
  static Set<String> chunksOnDisk(EmbeddedCluster cluster, String nodeId) {
    Path dir = cluster.nodeDir(nodeId);
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try {
      return new HashSet<>(ChunkStore.open(dir).chunks().keySet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Set<String> chunksOnAnyDisk(EmbeddedCluster cluster) {
    Set<String> all = new HashSet<>();
    for (String node : cluster.nodeIds()) {
      all.addAll(chunksOnDisk(cluster, node));
    }
    return all;
  }
}
