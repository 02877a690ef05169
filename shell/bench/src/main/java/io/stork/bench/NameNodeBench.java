package io.stork.bench;

import io.stork.namenode.Namespace;
import io.stork.namenode.ReplicaMap;
import io.stork.namenode.journal.JournalEntry;
import io.stork.namenode.journal.JournalCodec;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The name node's footprint: heap per chunk in its maps, and a journal of many artifacts. */
final class NameNodeBench {
  static final int CHUNKS_PER_ARTIFACT = 10;
  static final List<String> NODES = List.of("sn-1", "sn-2", "sn-3", "sn-4", "sn-5");

  private NameNodeBench() {}

  /**
   * Heap bytes per chunk held in the namespace and the replica map, filled as the name node fills
   * them (artifacts of 10 chunks of 1 MiB, 3 replicas each), metadata only.
   */
  static Figure heapPerChunk(int chunks) {
    long before = usedHeapAfterGc();
    Namespace namespace = new Namespace();
    ReplicaMap replicas = new ReplicaMap();
    for (int artifact = 0; artifact < chunks / CHUNKS_PER_ARTIFACT; artifact++) {
      ArtifactVersion version = version("releases/build-" + artifact + ".tar", CHUNKS_PER_ARTIFACT);
      namespace.apply(new JournalEntry.Committed(version));
      for (int i = 0; i < version.chunks().size(); i++) {
        ChunkRef chunk = version.chunks().get(i);
        replicas.addChunk(chunk.id(), chunk.size(), version.requiredCapabilities());
        for (int r = 0; r < 3; r++) {
          replicas.addReplica(chunk.id(), NODES.get((artifact + i + r) % NODES.size()));
        }
      }
    }
    long after = usedHeapAfterGc();
    Reference.reachabilityFence(namespace);
    Reference.reachabilityFence(replicas);
    return Figure.of("name node heap per chunk (" + chunks + " chunks)", (after - before) / (double) chunks, "bytes");
  }

  /**
   * Writes a journal of {@code artifacts} one-chunk artifacts, as if they had been uploaded, in the
   * format of {@code journal.log} before metadata directories: the name node migrates it at start.
   */
  static void writeJournal(Path journalPath, int artifacts) throws IOException {
    Files.createDirectories(journalPath.getParent());
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(journalPath))) {
      for (int artifact = 0; artifact < artifacts; artifact++) {
        out.write(JournalCodec.encodeLegacy(new JournalEntry.Committed(version("listed/artifact-" + artifact, 1))));
      }
    }
  }

  private static ArtifactVersion version(String name, int chunkCount) {
    List<ChunkRef> chunks = new ArrayList<>(chunkCount);
    for (int i = 0; i < chunkCount; i++) {
      chunks.add(new ChunkRef(ChunkId.random(), 1 << 20, i));
    }
    return new ArtifactVersion(name, 1, (long) chunkCount << 20, "0".repeat(64), chunks, System.currentTimeMillis(), List.of());
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
