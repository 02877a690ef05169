package io.stork.storagenode;

import io.stork.protocol.ChunkId;
import io.stork.protocol.StorageNodeProtocol.ReplicaDamaged;
import io.stork.protocol.StorageNodeProtocol.Report;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;

/**
 * A storage node's one damage path, whoever found the damage (a read, a direct read, the
 * scrubber): a damaged replica is worth nothing, so it is deleted, counted, and reported to the
 * name node, which makes a new one. Used on the node actor's thread only.
 */
final class DamagedReplicas {
  private final String nodeId;
  private final ChunkStore store;
  private final ChunkReader reader;
  private final StorageNodeMetrics.Node metrics;
  private final Logger log;
  /** Where reports go: the name node that last asked for a description, none before that. */
  private final Supplier<ActorRef<Report>> reportTo;

  DamagedReplicas(String nodeId, ChunkStore store, ChunkReader reader, StorageNodeMetrics.Node metrics, Logger log,
                  Supplier<ActorRef<Report>> reportTo) {
    this.nodeId = nodeId;
    this.store = store;
    this.reader = reader;
    this.metrics = metrics;
    this.log = log;
    this.reportTo = reportTo;
  }

  void discard(ChunkId chunkId, ChunkCorruptedException e) {
    log.warn("replica damaged, deleted: {}", e.getMessage());
    metrics.damaged();
    try {
      store.delete(chunkId);
    } catch (IOException deleteFailed) {
      log.warn("could not delete damaged chunk {}: {}", chunkId, deleteFailed.getMessage());
    }
    ActorRef<Report> nameNode = reportTo.get();
    if (nameNode != null) {
      nameNode.tell(new ReplicaDamaged(nodeId, chunkId));
    }
  }

  /** Damage found off the actor, read again first: a good copy may have been written since. */
  void discardIfStillDamaged(ChunkId chunkId) {
    try {
      reader.stillDamaged(chunkId).ifPresent(damage -> discard(chunkId, damage));
    } catch (IOException e) {
      log.warn("could not verify damaged chunk {} again: {}", chunkId, e.getMessage());
    }
  }
}
