package io.stork.namenode;

import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ClusterEvent;
import io.stork.protocol.NamespaceRecord;
import io.stork.protocol.NodeState;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorageNodeProtocol.RecordPage;
import io.stork.protocol.Wellformed;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;

/**
 * The namespace as the storage nodes keep it, and what the name node may do to chunks it does not
 * know. Every journaled change is sent to nodes as a record (a committed version's manifest to the
 * nodes that hold its chunks, a delete's tombstone to every live node). Each node that joins is
 * asked for its records, which {@link SafeMode} weighs; the chunks a node holds that the namespace
 * does not know are held back while safe mode is on, and otherwise moved to the node's trash.
 * Part of the replica keeper, on its thread.
 */
final class NodeRecords {
  /** A page of a node's records arrived. */
  record PageArrived(RecordPage page) implements ReplicaKeeper.Command, NoSerializationVerificationNeeded {}

  /** Records asked of a node at once: a page stays well under a remote frame even with large manifests. */
  static final int PAGE = 64;

  private final Logger log;
  private final int replication;
  private final NodeTable nodes;
  private final ReplicaMap replicas;
  private final Predicate<ChunkId> beingWritten;
  private final Consumer<ClusterEvent> announce;
  private final ActorRef<RecordPage> pages;
  private final SafeMode safeMode;
  private final long earliestOffNanos;
  private final Set<String> surveyed = new HashSet<>();
  /** Per node, the unknown chunks held back while safe mode is on. */
  private final Map<String, Set<ChunkId>> held = new HashMap<>();
  private Collection<ActorRef<StorageNodeProtocol.Command>> listed = List.of();
  private String reason = "waiting for the storage nodes to report what they hold";
  /** The journal sequence reached: the records sent now carry it. */
  private long journaled;

  NodeRecords(Logger log, int replication, NodeTable nodes, ReplicaMap replicas, Predicate<ChunkId> beingWritten,
              Consumer<ClusterEvent> announce, ActorRef<RecordPage> pages, KnownNamespace known, long earliestOffNanos) {
    this.log = log;
    this.replication = replication;
    this.nodes = nodes;
    this.replicas = replicas;
    this.beingWritten = beingWritten;
    this.announce = announce;
    this.pages = pages;
    this.safeMode = new SafeMode(known);
    this.journaled = known.sequence();
    this.earliestOffNanos = earliestOffNanos;
  }

  /** Why safe mode is on, or null when it is off. */
  String safeModeReason() {
    return safeMode.isOn() ? reason : null;
  }

  /** Safe mode holds (not merely waits): new uploads are refused. */
  boolean refusesUploads() {
    return safeMode.state() == SafeMode.State.HELD;
  }

  List<NamespaceRecord> ahead() {
    return safeMode.ahead();
  }

  /** The journal has reached {@code sequence}: the records sent from now on carry it. */
  void journaled(long sequence) {
    journaled = Math.max(journaled, sequence);
  }

  /**
   * {@code version} is committed (or recovered): its manifest goes to the live nodes among
   * {@code holders} (those written to), and to other live nodes until R have it (an empty artifact
   * has no chunks); its chunks held back from the nodes' reports count now.
   */
  void committed(ArtifactVersion version, Collection<String> holders) {
    countHeld(version.chunks().stream().map(ChunkRef::id).toList());
    safeMode.committed(version.name(), version.version());
    StorageNodeProtocol.KeepRecords keep = new StorageNodeProtocol.KeepRecords(List.of(new NamespaceRecord.Manifest(version, journaled)));
    Set<String> to = new LinkedHashSet<>(holders.stream().filter(nodes::isUp).toList());
    for (NodeTable.Node node : nodes.all()) {
      if (to.size() >= replication) {
        break;
      }
      if (node.state == NodeState.UP) {
        to.add(node.id);
      }
    }
    to.forEach(nodeId -> nodes.ref(nodeId).tell(keep));
  }

  void deleted(String name, long version) {
    safeMode.deleted(name, version);
    StorageNodeProtocol.KeepRecords keep =
        new StorageNodeProtocol.KeepRecords(List.of(new NamespaceRecord.Tombstone(name, version, journaled)));
    nodes.all().stream().filter(node -> node.state == NodeState.UP).forEach(node -> node.ref.tell(keep));
  }

  /** The storage nodes the receptionist lists: safe mode waits for each to report. */
  void listed(Collection<ActorRef<StorageNodeProtocol.Command>> refs) {
    listed = List.copyOf(refs);
  }

  /** A node joined: its records are asked for, page by page. */
  void joined(String nodeId) {
    surveyed.remove(nodeId);
    nodes.ref(nodeId).tell(new StorageNodeProtocol.ListRecords("", PAGE, pages));
  }

  void onPage(RecordPage page) {
    NodeTable.Node node = nodes.get(page.nodeId());
    if (!Wellformed.isComplete(page) || node == null || node.state == NodeState.DEAD) {
      return;
    }
    for (NamespaceRecord record : page.records()) {
      String problem = problem(record);
      if (problem == null) {
        safeMode.recordSeen(record);
      } else {
        log.warn("ignored a namespace record from {}: {}", node.id, problem);
      }
    }
    if (page.more() && !page.records().isEmpty()) {
      node.ref.tell(new StorageNodeProtocol.ListRecords(page.records().get(page.records().size() - 1).name(), PAGE, pages));
    } else {
      surveyed.add(node.id);
      reconsider();
    }
  }

  /** Null when a record off the wire is whole and sane (a recovery journals it as it is); else what is wrong. */
  static String problem(NamespaceRecord record) {
    if (!Wellformed.isComplete((Record) record)) {
      return "a field is missing";
    }
    String nameProblem = ArtifactNames.problem(record.name());
    if (nameProblem != null || record.version() < 1) {
      return nameProblem != null ? nameProblem : "version " + record.version() + " is not positive";
    }
    if (record instanceof NamespaceRecord.Manifest manifest) {
      ArtifactVersion artifact = manifest.artifact();
      if (!Wellformed.isComplete(artifact) || artifact.size() < 0 || !artifact.sha256().matches("[0-9a-f]{64}")) {
        return "manifest of '" + ArtifactNames.printable(record.name()) + "' is malformed";
      }
      long sum = artifact.chunks().stream().mapToLong(ChunkRef::size).sum();
      if (sum != artifact.size() || artifact.chunks().stream().anyMatch(chunk -> chunk.size() < 1 || chunk.id() == null)) {
        return "manifest of '" + ArtifactNames.printable(record.name()) + "' has chunks that do not add up to its size";
      }
    }
    return null;
  }

  /**
   * A recovered version's chunks are wanted now: where a node's held-back report has them, they
   * count at once (so that a read right after {@code recover} finds them), up to R.
   */
  private void countHeld(List<ChunkId> chunkIds) {
    held.forEach((nodeId, chunks) -> {
      List<ChunkId> theirs = chunkIds.stream().filter(chunks::contains).toList();
      if (!theirs.isEmpty() && nodes.holdsReplicas(nodeId)) {
        ReportReconciler.reconcile(nodeId, theirs, replicas, beingWritten, replication);
        theirs.forEach(chunks::remove);
      }
    });
  }

  /** Chunks a node reported that the namespace does not know. */
  void orphansReported(String nodeId, List<ChunkId> orphans) {
    if (safeMode.isOn()) {
      held.put(nodeId, new HashSet<>(orphans));
      reconsider();
    } else {
      trash(nodeId, orphans);
    }
  }

  /** Decides again (after a report, a survey, the end of the start-up grace, or a recovery). */
  void reconsider() {
    boolean wasOn = safeMode.isOn();
    SafeMode.State before = safeMode.state();
    boolean allReported = System.nanoTime() >= earliestOffNanos && !listed.isEmpty()
        && listed.stream().allMatch(ref -> {
          NodeTable.Node node = nodes.byRef(ref);
          return node != null && surveyed.contains(node.id);
        });
    long unknown = held.values().stream().mapToLong(Set::size).sum();
    String why = safeMode.decide(allReported, replicas.size(), unknown);
    if (why != null) {
      reason = why;
    }
    if (safeMode.state() == SafeMode.State.HELD && before != SafeMode.State.HELD) {
      log.error("safe mode: {}", why);
      announce.accept(Events.safeMode("safe mode on: " + why));
    } else if (wasOn && !safeMode.isOn()) {
      left("the storage nodes have reported and nothing they hold contradicts the namespace", before == SafeMode.State.HELD);
    }
  }

  /** An operator's word: safe mode off now; unknown chunks go to the trash. */
  void leaveByHand() {
    boolean wasOn = safeMode.isOn();
    safeMode.leaveByHand();
    if (wasOn) {
      left("left by an operator", true);
    }
  }

  /** Off; an event only after it held (every start passes through waiting: that is no news). */
  private void left(String why, boolean announced) {
    long unknown = held.values().stream().mapToLong(Set::size).sum();
    log.info("safe mode off: {}; {} unknown chunk(s) go to the storage nodes' trash", why, unknown);
    if (announced) {
      announce.accept(Events.safeMode("safe mode off: " + why));
    }
    held.forEach((nodeId, chunkIds) -> trash(nodeId, List.copyOf(chunkIds)));
    held.clear();
  }

  /** Only what is still unknown now: a recovery may have made some of it wanted. */
  private void trash(String nodeId, List<ChunkId> orphans) {
    List<ChunkId> unknown = orphans.stream().filter(id -> !replicas.isWanted(id) && !beingWritten.test(id)).toList();
    if (!unknown.isEmpty() && nodes.isUp(nodeId)) {
      nodes.ref(nodeId).tell(new StorageNodeProtocol.TrashChunks(unknown));
    }
  }
}
