package io.stork.namenode;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ClusterEvent;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.Refused;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorageNodeProtocol.ChunkRefused;
import io.stork.protocol.StorageNodeProtocol.ChunkStored;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;

/**
 * The replica keeper's repair work: copies of under-replicated chunks storage node to storage node,
 * as the {@link RepairPlanner} decides, and what they restored. Part of the keeper: it works on the
 * keeper's node table and replica map, on the keeper's thread.
 */
final class Repairs {
  private final Logger log;
  private final NameNodeSettings settings;
  private final NodeTable nodes;
  private final ReplicaMap replicas;
  private final Random random;
  private final Consumer<ClusterEvent> announce;
  private final ActorRef<StorageNodeProtocol.StoreReply> copyAcks;
  private final RepairPlanner planner;
  private long chunksRepaired;
  private long bytesRepaired;
  /** Since when some chunk has been short of replicas (0: healthy), and the repair totals then. */
  private long unhealthySinceNanos;
  private long chunksAtStart;
  private long bytesAtStart;

  Repairs(Logger log, NameNodeSettings settings, NodeTable nodes, ReplicaMap replicas, Random random,
          Consumer<ClusterEvent> announce, ActorRef<StorageNodeProtocol.StoreReply> copyAcks) {
    this.log = log;
    this.settings = settings;
    this.nodes = nodes;
    this.replicas = replicas;
    this.random = random;
    this.announce = announce;
    this.copyAcks = copyAcks;
    this.planner = new RepairPlanner(settings.replication(), settings.maxCopiesPerNode(), settings.repairBytesPerSecondPerNode());
  }

  int copiesInFlight() {
    return planner.copiesInFlight();
  }

  long chunksRepaired() {
    return chunksRepaired;
  }

  long bytesRepaired() {
    return bytesRepaired;
  }

  /** New limits (both kept when either is invalid): the limits now, or why not. */
  NameNodeProtocol.RepairLimitsReply setLimits(int copiesPerNode, long bytesPerSecondPerNode) {
    if (copiesPerNode < 1 || bytesPerSecondPerNode < 0) {
      return new Refused(ErrorKind.INVALID, "repair limits: at least 1 copy per node at a time, and a rate of at least 0 (0: no limit)");
    }
    planner.setLimits(copiesPerNode, bytesPerSecondPerNode);
    log.info("repair limits now: {} copies per node at a time, {} bytes per second per node", copiesPerNode, bytesPerSecondPerNode);
    return limits();
  }

  NameNodeProtocol.RepairLimits limits() {
    return new NameNodeProtocol.RepairLimits(planner.maxCopiesPerNode(), planner.bytesPerSecondPerNode(), planner.queued(),
        planner.copiesInFlight());
  }

  boolean isCopying(ChunkId chunkId) {
    return planner.isCopying(chunkId);
  }

  boolean isCopyTarget(ChunkId chunkId, String nodeId) {
    return planner.isCopyTarget(chunkId, nodeId);
  }

  void nodeJoined() {
    planner.nodeJoined();
  }

  void endangerIfShort(Collection<ChunkId> chunkIds) {
    if (chunkIds.stream().anyMatch(c -> replicas.needsReplicas(c) && replicas.replicaCount(c) < settings.replication())) {
      planner.endanger(chunkIds, replicas);
      if (unhealthySinceNanos == 0) {
        unhealthySinceNanos = System.nanoTime();
        chunksAtStart = chunksRepaired;
        bytesAtStart = bytesRepaired;
      }
    }
  }

  void onTick() {
    planner.expire(System.nanoTime() - settings.copyTimeout().toNanos())
        .forEach(copy -> log.warn("copy of chunk {} to {} timed out", copy.chunkId(), copy.targetId()));
    startCopies();
  }

  private void startCopies() {
    for (RepairPlanner.Copy copy : planner.plan(replicas, nodes.live(), random, System.nanoTime())) {
      nodes.ref(copy.sourceId()).tell(new StorageNodeProtocol.CopyChunk(copy.chunkId(), nodes.nodeRef(copy.targetId()), copyAcks));
    }
    if (unhealthySinceNanos != 0 && planner.idle()) {
      long millis = (System.nanoTime() - unhealthySinceNanos) / 1_000_000;
      unhealthySinceNanos = 0;
      announce.accept(Events.healed(settings.replication(), chunksRepaired - chunksAtStart, bytesRepaired - bytesAtStart, millis));
    }
  }

  void onCopyDone(StorageNodeProtocol.StoreReply answer) {
    if (answer instanceof ChunkRefused refused) {
      planner.finish(refused.chunkId(), refused.nodeId());
      log.warn("copy of chunk {} to {} failed: {}", refused.chunkId(), refused.nodeId(), refused.message());
    } else if (answer instanceof ChunkStored stored && stored.chunkId() != null && stored.nodeId() != null) {
      planner.finish(stored.chunkId(), stored.nodeId());
      record(stored.chunkId(), stored.nodeId());
    } else {
      log.warn("refused a copy acknowledgement without a chunk id or a node");
      return;
    }
    startCopies(); // keep the disks busy rather than wait for the next tick
  }

  private void record(ChunkId chunkId, String nodeId) {
    boolean needed = replicas.needsReplicas(chunkId) && nodes.holdsReplicas(nodeId)
        && replicas.replicaCount(chunkId) < settings.replication();
    if (needed && replicas.addReplica(chunkId, nodeId)) {
      chunksRepaired++;
      bytesRepaired += replicas.chunkSize(chunkId);
      nodes.use(nodeId, replicas.chunkSize(chunkId));
    } else if (!replicas.replicas(chunkId).contains(nodeId) && nodes.isUp(nodeId)) {
      // Not wanted there: deleted meanwhile, or enough replicas already.
      nodes.ref(nodeId).tell(new StorageNodeProtocol.DeleteChunks(List.of(chunkId)));
    }
  }
}
