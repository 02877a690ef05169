package io.stork.namenode;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeNames;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.Wellformed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterActorRefProvider;
import org.apache.pekko.cluster.ClusterEvent.ReachabilityEvent;
import org.apache.pekko.cluster.ClusterEvent.ReachableMember;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The name node's half that keeps every chunk at R live replicas: storage nodes joining, reporting
 * and dying, damaged replicas, and the copies that repair them. Runs inside the name node actor
 * (it is called from its message handlers and shares its node table and replica map).
 */
final class ReplicaKeeper {
  private final ActorContext<NameNodeProtocol.Command> context;
  private final NameNodeSettings settings;
  private final NodeTable nodes;
  private final ReplicaMap replicas;
  private final Random random;
  private final Consumer<String> announce;
  private final ActorRef<StorageNodeProtocol.Report> reports;
  private final ActorRef<StorageNodeProtocol.ChunkStored> copyAcks;
  private final RepairPlanner repairs;
  private Set<ActorRef<StorageNodeProtocol.Command>> listed = Set.of();
  private long chunksRepaired;
  private long bytesRepaired;
  private boolean healthy = true;

  ReplicaKeeper(ActorContext<NameNodeProtocol.Command> context, NameNodeSettings settings, NodeTable nodes, ReplicaMap replicas, Random random,
                Consumer<String> announce, ActorRef<StorageNodeProtocol.Report> reports, ActorRef<StorageNodeProtocol.ChunkStored> copyAcks) {
    this.context = context;
    this.settings = settings;
    this.nodes = nodes;
    this.replicas = replicas;
    this.random = random;
    this.announce = announce;
    this.reports = reports;
    this.copyAcks = copyAcks;
    this.repairs = new RepairPlanner(settings.replication(), settings.maxCopiesPerNode());
    // The provider itself, not its config string (which may be "cluster" or the class name).
    if (((ExtendedActorSystem) Adapter.toClassic(context.getSystem())).provider() instanceof ClusterActorRefProvider) {
      Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(context.messageAdapter(ReachabilityEvent.class,
          event -> new NameNode.Reachability(event.member().address(), event instanceof ReachableMember)), ReachabilityEvent.class));
    }
  }

  int copiesInFlight() {
    return repairs.copiesInFlight();
  }

  long chunksRepaired() {
    return chunksRepaired;
  }

  long bytesRepaired() {
    return bytesRepaired;
  }

  void deleteOn(String nodeId, List<ChunkId> chunkIds) {
    if (nodes.isUp(nodeId) && !chunkIds.isEmpty()) {
      nodes.ref(nodeId).tell(new StorageNodeProtocol.DeleteChunks(chunkIds.stream().map(ChunkId::toString).toList()));
    }
  }

  // ---- membership ----

  void onListing(Receptionist.Listing listing) {
    listed = listing.getServiceInstances(StorageNodeProtocol.SERVICE_KEY);
    describeNewcomers();
  }

  private void describeNewcomers() {
    listed.stream().filter(ref -> nodes.byRef(ref) == null).forEach(ref -> ref.tell(new StorageNodeProtocol.Describe(reports)));
  }

  /** A node described itself (joining, or answering a periodic scan), or reported a damaged replica. */
  void onReport(StorageNodeProtocol.Report report, Predicate<ChunkId> uploading) {
    if (!Wellformed.isComplete((Record) report)) {
      context.getLog().warn("refused a storage node report with a missing field");
      return;
    }
    if (report instanceof StorageNodeProtocol.ReplicaDamaged damaged) {
      ChunkId chunkId = ChunkId.parseOrNull(damaged.chunkId());
      if (chunkId == null) {
        context.getLog().warn("refused a damaged replica report with a malformed chunk id");
      } else {
        forgetReplica(chunkId, damaged.nodeId()); // the node has already deleted it
      }
      return;
    }
    StorageNodeProtocol.Description description = (StorageNodeProtocol.Description) report;
    String id = description.nodeId();
    if (!NodeNames.isValidNodeId(id)) {
      context.getLog().warn("refused a storage node report with a malformed id");
      return;
    }
    NodeTable.Node known = nodes.get(id);
    boolean joining = known == null || known.state == NodeTable.State.DEAD;
    if (!joining && !known.ref.equals(description.node())) {
      context.getLog().warn("refused a second storage node with id {} while the first is up", id);
      return;
    }
    if (joining) {
      nodes.join(description);
      context.watchWith(description.node(), new NameNode.NodeTerminated(id, description.node()));
    }
    ReportReconciler.Outcome outcome = ReportReconciler.reconcile(id, description.chunkIds(), replicas,
        chunkId -> uploading.test(chunkId) || repairs.isCopyTarget(chunkId, id), settings.replication());
    if (outcome.malformed() > 0) {
      context.getLog().warn("ignored {} malformed chunk ids in the report of {}", outcome.malformed(), id);
    }
    deleteOn(id, outcome.unwanted());
    // The node's own count, less the surplus it is told to delete (orphans' sizes show in its next report).
    long surplus = outcome.unwanted().stream().mapToLong(replicas::chunkSize).sum();
    nodes.get(id).usedBytes = Math.max(0, description.usedBytes() - surplus);
    if (joining) {
      repairs.nodeJoined();
      announce.accept(id + " joined: " + chunks(outcome.counted()) + " counted" + (outcome.unwanted().isEmpty() ? ""
          : ", " + outcome.unwanted().size() + " surplus or orphaned removed"));
    }
  }

  /**
   * The failure detector lost the process at {@code address} (or found it again). Its nodes keep
   * their replicas, which still count, but nobody reads from or writes to them until they are back;
   * once the cluster downs them they die ({@link #onTerminated}) and their chunks are copied.
   */
  void onReachability(Address address, boolean reachable) {
    for (NodeTable.Node node : nodes.all()) {
      if (!node.ref.path().address().equals(address)) {
        continue;
      }
      if (!reachable && node.state == NodeTable.State.UP) {
        node.state = NodeTable.State.UNREACHABLE;
        announce.accept(node.id + " unreachable: no reads from it and no new chunks on it until it is back or dead");
      } else if (reachable && node.state == NodeTable.State.UNREACHABLE) {
        node.state = NodeTable.State.UP;
        announce.accept(node.id + " reachable again");
        node.ref.tell(new StorageNodeProtocol.Describe(reports)); // count what it stored meanwhile
      }
    }
  }

  /** Where each chunk of {@code version} can be read now: its replicas on nodes that are up. */
  List<NameNodeProtocol.ChunkLocation> locations(ArtifactVersion version) {
    List<NameNodeProtocol.ChunkLocation> locations = new ArrayList<>(version.chunks().size());
    for (ChunkRef chunk : version.chunks()) {
      List<String> ids = replicas.replicas(chunk.id()).stream().filter(nodes::isUp).toList();
      locations.add(new NameNodeProtocol.ChunkLocation(chunk.id().toString(), ids, ids.stream().map(nodes::ref).toList()));
    }
    return locations;
  }

  void onTerminated(String nodeId, ActorRef<StorageNodeProtocol.Command> ref) {
    NodeTable.Node node = nodes.get(nodeId);
    if (node != null && node.ref.equals(ref) && node.state != NodeTable.State.DEAD) {
      node.state = NodeTable.State.DEAD;
      Set<ChunkId> lost = replicas.dropNode(node.id);
      endangerIfShort(lost);
      announce.accept(node.id + " dead: " + chunks(lost.size()) + " under-replicated");
      describeNewcomers();
    }
  }

  /**
   * A reader could not use a replica. Its word alone deletes nothing (the failure may have been a
   * passing one): the replica stops counting, a copy is made elsewhere, and the node is asked for
   * its chunks, which counts the replica again if it is still there (the surplus is then trimmed).
   */
  void onBadReplica(String chunkId, String nodeId) {
    ChunkId id = ChunkId.parseOrNull(chunkId); // a malformed id names no replica: nothing to forget
    if (id != null && nodes.isUp(nodeId) && forgetReplica(id, nodeId)) {
      nodes.ref(nodeId).tell(new StorageNodeProtocol.Describe(reports));
    }
  }

  private boolean forgetReplica(ChunkId chunkId, String nodeId) {
    if (!replicas.removeReplica(chunkId, nodeId)) {
      return false;
    }
    context.getLog().warn("replica of chunk {} on {} is damaged or missing: making another", chunkId, nodeId);
    endangerIfShort(List.of(chunkId));
    return true;
  }

  private static String chunks(int count) {
    return count + (count == 1 ? " chunk" : " chunks");
  }

  // ---- repair ----

  void endangerIfShort(Collection<ChunkId> chunkIds) {
    if (chunkIds.stream().anyMatch(c -> replicas.isWanted(c) && replicas.replicaCount(c) < settings.replication())) {
      repairs.endanger(chunkIds, replicas);
      healthy = false;
    }
  }

  /** Looks at every chunk, and has every live node report what it holds (mends lost deletes and acks). */
  void onFullScan() {
    endangerIfShort(replicas.chunkIds());
    repairs.nodeJoined(); // and look at chunks that had no live replica, as a safety net
    describeNewcomers(); // in case a join's messages were lost
    nodes.all().stream().filter(n -> n.state == NodeTable.State.UP).forEach(n -> n.ref.tell(new StorageNodeProtocol.Describe(reports)));
  }

  void onRepairTick() {
    repairs.expire(System.nanoTime() - settings.copyTimeout().toNanos())
        .forEach(copy -> context.getLog().warn("copy of chunk {} to {} timed out", copy.chunkId(), copy.targetId()));
    startCopies();
  }

  private void startCopies() {
    for (RepairPlanner.Copy copy : repairs.plan(replicas, nodes.live(), random, System.nanoTime())) {
      nodes.ref(copy.sourceId()).tell(new StorageNodeProtocol.CopyChunk(copy.chunkId().toString(), nodes.ref(copy.targetId()), copyAcks));
    }
    if (!healthy && repairs.idle()) {
      healthy = true;
      announce.accept("healed: all chunks at " + settings.replication() + " replicas");
    }
  }

  void onCopyDone(StorageNodeProtocol.ChunkStored ack) {
    ChunkId chunkId = ChunkId.parseOrNull(ack.chunkId());
    if (chunkId == null || ack.nodeId() == null) {
      context.getLog().warn("refused a copy acknowledgement without a valid chunk id or a node");
      return;
    }
    repairs.finish(chunkId, ack.nodeId());
    recordCopy(chunkId, ack);
    startCopies(); // keep the disks busy rather than wait for the next tick
  }

  private void recordCopy(ChunkId chunkId, StorageNodeProtocol.ChunkStored ack) {
    if (!ack.ok()) {
      context.getLog().warn("copy of chunk {} to {} failed: {}", chunkId, ack.nodeId(), ack.error());
      return;
    }
    boolean needed = replicas.isWanted(chunkId) && nodes.isUp(ack.nodeId())
        && replicas.replicaCount(chunkId) < settings.replication();
    if (needed && replicas.addReplica(chunkId, ack.nodeId())) {
      chunksRepaired++;
      bytesRepaired += replicas.chunkSize(chunkId);
      nodes.get(ack.nodeId()).usedBytes += replicas.chunkSize(chunkId);
    } else if (!replicas.replicas(chunkId).contains(ack.nodeId())) {
      deleteOn(ack.nodeId(), List.of(chunkId)); // not wanted there: deleted meanwhile, or enough replicas
    }
  }
}
