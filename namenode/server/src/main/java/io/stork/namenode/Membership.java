package io.stork.namenode;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ClusterEvent;
import io.stork.protocol.NodeNames;
import io.stork.protocol.NodeState;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.Wellformed;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.slf4j.Logger;

/**
 * The replica keeper's dealings with storage nodes: finding them (the receptionist), counting what
 * they report, noticing them unreachable, back, or dead, and forgetting replicas readers found bad.
 * Part of the keeper: it works on the keeper's node table and replica map, on the keeper's thread.
 */
final class Membership {
  record NodesListed(Receptionist.Listing listing) implements ReplicaKeeper.Command, NoSerializationVerificationNeeded {}

  private final Logger log;
  private final int replication;
  private final NodeTable nodes;
  private final ReplicaMap replicas;
  private final Repairs repairs;
  private final Consumer<ClusterEvent> announce;
  private final Predicate<ChunkId> uploading;
  private final ActorRef<StorageNodeProtocol.Report> reports;
  private final Consumer<NodeTable.Node> watch;
  private final NodeRecords records;
  private Set<ActorRef<StorageNodeProtocol.Command>> listed = Set.of();

  Membership(Logger log, int replication, NodeTable nodes, ReplicaMap replicas, Repairs repairs,
             Consumer<ClusterEvent> announce, Predicate<ChunkId> uploading, ActorRef<StorageNodeProtocol.Report> reports,
             Consumer<NodeTable.Node> watch, NodeRecords records) {
    this.log = log;
    this.replication = replication;
    this.nodes = nodes;
    this.replicas = replicas;
    this.repairs = repairs;
    this.announce = announce;
    this.uploading = uploading;
    this.reports = reports;
    this.watch = watch;
    this.records = records;
  }

  void deleteOn(String nodeId, List<ChunkId> chunkIds) {
    if (nodes.isUp(nodeId) && !chunkIds.isEmpty()) {
      nodes.ref(nodeId).tell(new StorageNodeProtocol.DeleteChunks(List.copyOf(chunkIds)));
    }
  }

  void onListing(Receptionist.Listing listing) {
    listed = listing.getServiceInstances(StorageNodeProtocol.SERVICE_KEY);
    records.listed(listed);
    describeNewcomers();
  }

  private void describeNewcomers() {
    listed.stream().filter(ref -> nodes.byRef(ref) == null).forEach(ref -> ref.tell(new StorageNodeProtocol.Describe(reports)));
  }

  /** A node described itself (joining, or answering a periodic scan), said how much room it has, or reported a damaged replica. */
  void onReport(StorageNodeProtocol.Report report) {
    if (!Wellformed.isComplete((Record) report)) {
      log.warn("refused a storage node report with a missing field");
      return;
    }
    if (report instanceof StorageNodeProtocol.Usage usage) {
      onUsage(usage);
      return;
    }
    if (report instanceof StorageNodeProtocol.ReplicaDamaged damaged) {
      if (forgetReplica(damaged.chunkId(), damaged.nodeId())) { // the node has already deleted it
        announce.accept(Events.damaged(damaged.nodeId(), damaged.chunkId(), replicas.chunkSize(damaged.chunkId())));
      }
      return;
    }
    StorageNodeProtocol.Description description = (StorageNodeProtocol.Description) report;
    String id = description.nodeId();
    if (!NodeNames.isValidNodeId(id)) {
      log.warn("refused a storage node report with a malformed id");
      return;
    }
    NodeTable.Node known = nodes.get(id);
    boolean joining = known == null || known.state == NodeState.DEAD;
    if (!joining && !known.ref.equals(description.node())) {
      log.warn("refused a second storage node with id {} while the first is up", id);
      return;
    }
    if (!joining && !nodes.holdsReplicas(id)) {
      return; // given up: what it holds counts again once it is back (and describes itself then)
    }
    if (joining) {
      watch.accept(nodes.join(description));
    }
    ReportReconciler.Outcome outcome = ReportReconciler.reconcile(id, description.chunkIds(), replicas,
        chunkId -> uploading.test(chunkId) || repairs.isCopyTarget(chunkId, id), replication);
    deleteOn(id, outcome.surplus());
    // The node's own count, less the surplus it is told to delete (trashed orphans' sizes show in its next report).
    long surplus = outcome.surplus().stream().mapToLong(replicas::chunkSize).sum();
    nodes.reported(id, description.usedBytes() - surplus, description.capacityBytes());
    if (joining) {
      repairs.nodeJoined();
      announce.accept(Events.joined(id, outcome.counted(), outcome.surplus().size()));
      records.joined(id);
    }
    records.orphansReported(id, outcome.orphans());
  }

  /** The room a known node says it has (a dead one is not heard: it reports again when it joins). */
  private void onUsage(StorageNodeProtocol.Usage usage) {
    NodeTable.Node node = nodes.get(usage.nodeId());
    if (node == null || node.state == NodeState.DEAD || usage.capacityBytes() < 0) {
      return;
    }
    if (nodes.usage(usage)) {
      NodeInfo info = nodes.info(node);
      if (info.freeBytes() <= 0) {
        log.warn("storage node {} is full: it holds {} and has no room left", node.id, Events.bytes(usage.usedBytes()));
      } else {
        log.info("storage node {} has room again: {} free", node.id, Events.bytes(info.freeBytes()));
      }
    }
  }

  /**
   * The failure detector lost the process at {@code address} (or found it again). Its nodes keep
   * their replicas, which still count, but nobody reads from or writes to them until they are back;
   * after the grace their chunks are copied ({@link #onUnreachableTooLong}), and once the cluster
   * downs them they die ({@link #onTerminated}). Returns the nodes it made unreachable.
   */
  List<NodeTable.Node> onReachability(Address address, boolean reachable) {
    List<NodeTable.Node> lost = new ArrayList<>();
    for (NodeTable.Node node : nodes.all()) {
      if (node.ref.path().address().equals(address)) {
        node.clusterLost = !reachable;
        reconsider(node, lost);
      }
    }
    return lost;
  }

  /** {@code ref}'s process was found gone (its data channel refuses connections), or back: as {@link #onReachability}. */
  List<NodeTable.Node> onProcessSeen(ActorRef<StorageNodeProtocol.Command> ref, boolean alive) {
    NodeTable.Node node = nodes.byRef(ref);
    List<NodeTable.Node> lost = new ArrayList<>(1);
    if (node != null) {
      node.processGone = !alive;
      reconsider(node, lost);
    }
    return lost;
  }

  /** Unreachable while either the failure detector or the process watch says so; up again when neither does. */
  private void reconsider(NodeTable.Node node, List<NodeTable.Node> lost) {
    boolean reachable = !node.clusterLost && !node.processGone;
    if (!reachable && node.state == NodeState.UP) {
      nodes.setState(node, NodeState.UNREACHABLE);
      announce.accept(Events.unreachable(node.id, replicas.chunksOn(node.id)));
      lost.add(node);
    } else if (reachable && node.state == NodeState.UNREACHABLE) {
      nodes.setState(node, NodeState.UP);
      announce.accept(Events.reachable(node.id));
      node.ref.tell(new StorageNodeProtocol.Describe(reports)); // count what it stored meanwhile
    }
  }

  /**
   * {@code ref}'s node has been unreachable for the grace: its replicas stop counting and are made
   * again elsewhere, without waiting for it to be downed. Should it come back, its report counts
   * what is still short and has the surplus deleted, as after a restart.
   */
  void onUnreachableTooLong(ActorRef<StorageNodeProtocol.Command> ref) {
    NodeTable.Node node = nodes.byRef(ref);
    if (node != null && nodes.giveUp(node)) {
      Set<ChunkId> lost = replicas.dropNode(node.id);
      repairs.endangerIfShort(lost);
      announce.accept(Events.lost(node.id, lost.size(), lost.stream().mapToLong(replicas::chunkSize).sum()));
    }
  }

  void onTerminated(String nodeId, ActorRef<StorageNodeProtocol.Command> ref) {
    NodeTable.Node node = nodes.get(nodeId);
    if (node != null && node.ref.equals(ref) && node.state != NodeState.DEAD) {
      nodes.setState(node, NodeState.DEAD);
      Set<ChunkId> lost = replicas.dropNode(node.id);
      repairs.endangerIfShort(lost);
      announce.accept(Events.dead(node.id, lost.size(), lost.stream().mapToLong(replicas::chunkSize).sum()));
      describeNewcomers();
    }
  }

  /**
   * A reader could not use a replica. Its word alone deletes nothing (the failure may have been a
   * passing one): the replica stops counting, a copy is made elsewhere, and the node is asked for
   * its chunks, which counts the replica again if it is still there (the surplus is then trimmed).
   */
  void onBadReplica(ChunkId chunkId, String nodeId) {
    if (nodes.isUp(nodeId) && forgetReplica(chunkId, nodeId)) {
      nodes.ref(nodeId).tell(new StorageNodeProtocol.Describe(reports));
    }
  }

  private boolean forgetReplica(ChunkId chunkId, String nodeId) {
    if (!replicas.removeReplica(chunkId, nodeId)) {
      return false;
    }
    log.warn("replica of chunk {} on {} is damaged or missing: making another", chunkId, nodeId);
    repairs.endangerIfShort(List.of(chunkId));
    return true;
  }

  /** Looks at every chunk, and has every live node report what it holds (mends lost deletes and acks). */
  void onFullScan() {
    repairs.endangerIfShort(replicas.chunkIds());
    repairs.nodeJoined(); // and look at chunks that had no live replica, as a safety net
    describeNewcomers(); // in case a join's messages were lost
    nodes.all().stream().filter(n -> n.state == NodeState.UP).forEach(n -> n.ref.tell(new StorageNodeProtocol.Describe(reports)));
  }
}
