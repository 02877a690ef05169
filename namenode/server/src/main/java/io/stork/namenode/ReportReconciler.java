package io.stork.namenode;

import io.stork.protocol.ChunkId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a storage node's list of held chunks means to the replica map: chunks a committed version
 * wants count again (up to the replication factor), surplus replicas are to be deleted from the
 * node, and orphans (chunks nobody wants, and that no upload or copy in progress is writing) are
 * the safe mode's to judge: held back, or moved to the node's trash.
 * A chunk the node does not report is left alone: the report may predate a store still on its way.
 */
final class ReportReconciler {
  private ReportReconciler() {}

  record Outcome(int counted, List<ChunkId> surplus, List<ChunkId> orphans) {}

  static Outcome reconcile(String nodeId, Collection<ChunkId> reported, ReplicaMap replicas, Predicate<ChunkId> beingWritten,
                           int replication) {
    int counted = 0;
    List<ChunkId> surplus = new ArrayList<>();
    List<ChunkId> orphans = new ArrayList<>();
    for (ChunkId chunkId : reported) {
      if (beingWritten.test(chunkId)) {
        continue;
      }
      if (!replicas.isWanted(chunkId)) {
        orphans.add(chunkId);
      } else if (!replicas.replicas(chunkId).contains(nodeId)) {
        if (replicas.replicaCount(chunkId) >= replication) {
          surplus.add(chunkId);
        } else {
          replicas.addReplica(chunkId, nodeId);
          counted++;
        }
      }
    }
    return new Outcome(counted, surplus, orphans);
  }
}
