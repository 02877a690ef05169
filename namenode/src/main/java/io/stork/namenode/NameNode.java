package io.stork.namenode;

import io.stork.storagenode.StorageNode;
import io.stork.storagenode.StorageNodeSettings;
import io.stork.storagenode.StorkMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The name node: owns the namespace, the replica map and the node table, hands out placements to
 * upload sessions and commits their versions through the journal. A change is visible (to
 * {@link Locate}, {@link GetStatus}) only once its journal entry is fsynced; until then it is
 * "projected", so that later commands are checked against it.
 */
public final class NameNode extends AbstractBehavior<NameNode.Command> {

  public interface Command {}

  // ---- the client protocol ----

  /** Starts an upload ({@code replace = false}) or an update of an existing artifact. */
  public record BeginUpload(String name, boolean replace, List<String> requiredCapabilities,
                            ActorRef<UploadBegun> replyTo) implements Command, StorkMessage {}

  public record UploadBegun(ActorRef<UploadSession.Command> session, String error) implements StorkMessage {}

  /** Where the current version of {@code name} lives, chunk by chunk. */
  public record Locate(String name, ActorRef<Located> replyTo) implements Command, StorkMessage {}

  public record Located(ArtifactVersion version, List<ChunkLocation> chunks, String error) implements StorkMessage {}

  /** The live replicas of one chunk, as node ids and as refs (same order). */
  public record ChunkLocation(String chunkId, List<String> nodeIds, List<ActorRef<StorageNode.Command>> nodes)
      implements StorkMessage {}

  public record Delete(String name, ActorRef<OpResult> replyTo) implements Command, StorkMessage {}

  public record OpResult(String error) implements StorkMessage {}

  public record GetStatus(ActorRef<ClusterStatus> replyTo) implements Command, StorkMessage {}

  /** Artifact names starting with {@code prefix}, for completion. */
  public record ListNames(String prefix, int limit, ActorRef<Names> replyTo) implements Command, StorkMessage {}

  public record Names(List<String> names) implements StorkMessage {}

  // ---- from upload sessions (children) ----

  /** Asks for {@code count} nodes for a chunk; a null {@code chunkId} asks for a new chunk. */
  record PlaceChunk(String chunkId, int count, int size, List<String> requiredCapabilities, Set<String> excluded,
                    ActorRef<UploadSession.Command> replyTo) implements Command, NoSerializationVerificationNeeded {}

  record CommitUpload(String name, boolean replace, long size, String sha256, List<ChunkRef> chunks,
                      Map<String, List<String>> replicas, ActorRef<UploadSession.Command> replyTo)
      implements Command, NoSerializationVerificationNeeded {}

  // ---- internal ----

  private record NodesListed(Receptionist.Listing listing) implements Command, NoSerializationVerificationNeeded {}

  private record NodeDescribed(StorageNode.Description description) implements Command, NoSerializationVerificationNeeded {}

  private record NodeTerminated(String nodeId, ActorRef<StorageNode.Command> node) implements Command, NoSerializationVerificationNeeded {}

  private record SessionEnded(ActorRef<UploadSession.Command> session) implements Command, NoSerializationVerificationNeeded {}

  private record JournalAck(JournalWriter.Appended appended) implements Command, NoSerializationVerificationNeeded {}

  private record CollectChunks(List<String> chunkIds) implements Command, NoSerializationVerificationNeeded {}

  private static final class Session {
    final String name;
    final boolean replace;
    final Set<String> chunkIds = new HashSet<>();
    boolean committed;

    Session(String name, boolean replace) {
      this.name = name;
      this.replace = replace;
    }
  }

  private record InFlightChunk(int size, Set<String> nodes) {}

  private record PendingWrite(JournalEntry entry, Consumer<String> onDone) {}

  public static Behavior<Command> create(NameNodeSettings settings, JournalFile.Opened journal) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new NameNode(context, timers, settings, journal)));
  }

  private final TimerScheduler<Command> timers;
  private final NameNodeSettings settings;
  private final ActorRef<JournalWriter.Command> journal;
  private final ActorRef<JournalWriter.Appended> journalAcks;
  private final ActorRef<StorageNode.Description> descriptions;
  private final Random random = new Random();

  private final Namespace namespace = new Namespace();
  private final ReplicaMap replicas = new ReplicaMap();
  private final NodeTable nodes = new NodeTable();
  /** Names with journal writes in flight, and what they will be (null: deleted). */
  private final Map<String, ArtifactVersion> projected = new HashMap<>();
  private final Map<String, Integer> writesInFlight = new HashMap<>();
  private final ArrayDeque<PendingWrite> journalQueue = new ArrayDeque<>();
  private final Map<ActorRef<UploadSession.Command>, Session> sessions = new HashMap<>();
  private final Set<String> creating = new HashSet<>();
  private final Map<String, InFlightChunk> inFlightChunks = new HashMap<>();
  private Set<ActorRef<StorageNode.Command>> listed = Set.of();
  private String journalFailure;
  private long sessionCounter;

  private NameNode(ActorContext<Command> context, TimerScheduler<Command> timers, NameNodeSettings settings,
                   JournalFile.Opened opened) {
    super(context);
    this.timers = timers;
    this.settings = settings;
    for (JournalEntry entry : opened.entries()) {
      namespace.apply(entry);
    }
    for (ArtifactVersion version : namespace.all()) {
      for (ChunkRef chunk : version.chunks()) {
        replicas.addChunk(chunk.id(), chunk.size());
      }
    }
    this.journal = context.spawn(JournalWriter.create(opened.journal()), "journal", StorageNode.DISPATCHER);
    this.journalAcks = context.messageAdapter(JournalWriter.Appended.class, JournalAck::new);
    this.descriptions = context.messageAdapter(StorageNode.Description.class, NodeDescribed::new);
    ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class, NodesListed::new);
    context.getSystem().receptionist().tell(Receptionist.subscribe(StorageNode.SERVICE_KEY, listings));
    context.getLog().info("name node up: {} artifacts, {} chunks from the journal (replication {}, chunk size {})",
        namespace.size(), replicas.size(), settings.replication(), settings.chunkSize());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(BeginUpload.class, this::onBeginUpload)
        .onMessage(PlaceChunk.class, this::onPlaceChunk)
        .onMessage(CommitUpload.class, this::onCommitUpload)
        .onMessage(SessionEnded.class, this::onSessionEnded)
        .onMessage(Locate.class, this::onLocate)
        .onMessage(Delete.class, this::onDelete)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(ListNames.class, this::onListNames)
        .onMessage(JournalAck.class, this::onJournalAck)
        .onMessage(CollectChunks.class, this::onCollectChunks)
        .onMessage(NodesListed.class, this::onNodesListed)
        .onMessage(NodeDescribed.class, this::onNodeDescribed)
        .onMessage(NodeTerminated.class, this::onNodeTerminated)
        .build();
  }

  // ---- writes ----

  private Behavior<Command> onBeginUpload(BeginUpload begin) {
    String error = checkWrite(begin.name(), begin.replace());
    if (error == null && !begin.replace() && creating.contains(begin.name())) {
      error = "artifact '" + ArtifactNames.printable(begin.name()) + "' is being uploaded by another client";
    }
    if (error == null) {
      PlacementPolicy.Placement probe = PlacementPolicy.choose(nodes.live(), settings.replication(), 0,
          begin.requiredCapabilities(), Set.of(), random);
      error = probe.error();
    }
    if (error != null) {
      begin.replyTo().tell(new UploadBegun(null, error));
      return this;
    }
    UploadSession.Job job = new UploadSession.Job(begin.name(), begin.replace(), List.copyOf(begin.requiredCapabilities()));
    ActorRef<UploadSession.Command> session =
        getContext().spawn(UploadSession.create(job, settings.uploadLimits(), getContext().getSelf()), "upload-" + (++sessionCounter));
    getContext().watchWith(session, new SessionEnded(session));
    sessions.put(session, new Session(begin.name(), begin.replace()));
    if (!begin.replace()) {
      creating.add(begin.name());
    }
    begin.replyTo().tell(new UploadBegun(session, null));
    return this;
  }

  /** Null when a create ({@code replace = false}) or update of {@code name} may go ahead now. */
  private String checkWrite(String name, boolean replace) {
    String problem = ArtifactNames.problem(name);
    if (problem != null) {
      return problem;
    }
    if (journalFailure != null) {
      return "the name node refuses changes: " + journalFailure;
    }
    ArtifactVersion current = current(name);
    if (!replace && current != null) {
      return "artifact '" + ArtifactNames.printable(name) + "' already exists (use update to replace it)";
    }
    if (replace && current == null) {
      return notFound(name);
    }
    return null;
  }

  private Behavior<Command> onPlaceChunk(PlaceChunk place) {
    Session session = sessions.get(place.replyTo());
    String chunkId = place.chunkId() == null ? io.stork.storagenode.ChunkIds.random() : place.chunkId();
    PlacementPolicy.Placement placement = PlacementPolicy.choose(nodes.live(), place.count(), place.size(),
        place.requiredCapabilities(), place.excluded(), random);
    if (session == null || !placement.ok()) {
      place.replyTo().tell(new UploadSession.Placed(place.chunkId(), List.of(), List.of(),
          session == null ? "upload session unknown" : placement.error()));
      return this;
    }
    session.chunkIds.add(chunkId);
    InFlightChunk chunk = inFlightChunks.computeIfAbsent(chunkId, id -> new InFlightChunk(place.size(), new HashSet<>()));
    List<ActorRef<StorageNode.Command>> refs = new ArrayList<>();
    for (String nodeId : placement.nodeIds()) {
      chunk.nodes().add(nodeId);
      nodes.get(nodeId).usedBytes += place.size();
      refs.add(nodes.ref(nodeId));
    }
    place.replyTo().tell(new UploadSession.Placed(chunkId, refs, placement.nodeIds(), null));
    return this;
  }

  private Behavior<Command> onCommitUpload(CommitUpload commit) {
    Session session = sessions.get(commit.replyTo());
    String error = checkWrite(commit.name(), commit.replace());
    if (session == null || error != null) {
      commit.replyTo().tell(new UploadSession.Committed(null, session == null ? "upload session unknown" : error));
      return this;
    }
    ArtifactVersion previous = current(commit.name());
    ArtifactVersion version = new ArtifactVersion(commit.name(), previous == null ? 1 : previous.version() + 1,
        commit.size(), commit.sha256(), commit.chunks(), System.currentTimeMillis());
    write(new JournalEntry.Committed(version), failure -> {
      if (failure == null) {
        session.committed = true;
        for (ChunkRef chunk : version.chunks()) {
          inFlightChunks.remove(chunk.id());
          replicas.addChunk(chunk.id(), chunk.size());
          for (String nodeId : commit.replicas().getOrDefault(chunk.id(), List.of())) {
            if (nodes.isUp(nodeId)) {
              replicas.addReplica(chunk.id(), nodeId);
            }
          }
        }
      }
      if (!commit.replace()) {
        creating.remove(commit.name());
      }
      commit.replyTo().tell(new UploadSession.Committed(failure == null ? version : null, failure));
    });
    return this;
  }

  private Behavior<Command> onSessionEnded(SessionEnded ended) {
    Session session = sessions.remove(ended.session());
    if (session == null) {
      return this;
    }
    if (!session.replace) {
      creating.remove(session.name);
    }
    if (!session.committed) {
      Map<String, List<String>> byNode = new HashMap<>();
      for (String chunkId : session.chunkIds) {
        InFlightChunk chunk = inFlightChunks.remove(chunkId);
        if (chunk != null) {
          for (String nodeId : chunk.nodes()) {
            byNode.computeIfAbsent(nodeId, n -> new ArrayList<>()).add(chunkId);
            release(nodeId, chunk.size());
          }
        }
      }
      byNode.forEach(this::deleteOn);
    }
    return this;
  }

  private Behavior<Command> onDelete(Delete delete) {
    String problem = ArtifactNames.problem(delete.name());
    ArtifactVersion current = problem == null ? current(delete.name()) : null;
    if (problem == null && journalFailure != null) {
      problem = "the name node refuses changes: " + journalFailure;
    } else if (problem == null && current == null) {
      problem = notFound(delete.name());
    }
    if (problem != null) {
      delete.replyTo().tell(new OpResult(problem));
      return this;
    }
    write(new JournalEntry.Deleted(delete.name(), current.version()), failure -> delete.replyTo().tell(new OpResult(failure)));
    return this;
  }

  /** Projects a change, journals it, and on durability applies it and calls {@code onDone}. */
  private void write(JournalEntry entry, Consumer<String> onDone) {
    projected.put(entry.name(), entry instanceof JournalEntry.Committed c ? c.version() : null);
    writesInFlight.merge(entry.name(), 1, Integer::sum);
    journalQueue.add(new PendingWrite(entry, onDone));
    journal.tell(new JournalWriter.Append(entry, journalAcks));
  }

  private Behavior<Command> onJournalAck(JournalAck ack) {
    String failure = ack.appended().error();
    if (failure != null) {
      journalFailure = failure;
    }
    for (int i = 0; i < ack.appended().count(); i++) {
      PendingWrite write = journalQueue.poll();
      String name = write.entry().name();
      if (writesInFlight.merge(name, -1, Integer::sum) == 0) {
        writesInFlight.remove(name);
        projected.remove(name);
      }
      if (failure == null) {
        ArtifactVersion replaced = namespace.apply(write.entry());
        if (replaced != null) {
          collectLater(replaced.chunks());
        }
      }
      write.onDone().accept(failure);
    }
    return this;
  }

  /** Removes a replaced or deleted version's chunks after a grace period, for readers still on it. */
  private void collectLater(List<ChunkRef> chunks) {
    List<String> ids = chunks.stream().map(ChunkRef::id).toList();
    if (!ids.isEmpty()) {
      timers.startSingleTimer(new Object(), new CollectChunks(ids), settings.garbageGrace());
    }
  }

  private Behavior<Command> onCollectChunks(CollectChunks collect) {
    Map<String, List<String>> byNode = new HashMap<>();
    for (String chunkId : collect.chunkIds()) {
      int size = replicas.chunkSize(chunkId);
      for (String nodeId : replicas.removeChunk(chunkId)) {
        byNode.computeIfAbsent(nodeId, n -> new ArrayList<>()).add(chunkId);
        release(nodeId, size);
      }
    }
    byNode.forEach(this::deleteOn);
    return this;
  }

  private void deleteOn(String nodeId, List<String> chunkIds) {
    ActorRef<StorageNode.Command> ref = nodes.ref(nodeId);
    if (ref != null && nodes.isUp(nodeId)) {
      ref.tell(new StorageNode.DeleteChunks(List.copyOf(chunkIds)));
    }
  }

  private void release(String nodeId, long bytes) {
    NodeTable.Node node = nodes.get(nodeId);
    if (node != null) {
      node.usedBytes = Math.max(0, node.usedBytes - bytes);
    }
  }

  // ---- reads ----

  private Behavior<Command> onLocate(Locate locate) {
    ArtifactVersion version = ArtifactNames.isValid(locate.name()) ? namespace.get(locate.name()) : null;
    if (version == null) {
      String problem = ArtifactNames.problem(locate.name());
      locate.replyTo().tell(new Located(null, List.of(), problem != null ? problem : notFound(locate.name())));
      return this;
    }
    List<ChunkLocation> locations = new ArrayList<>(version.chunks().size());
    for (ChunkRef chunk : version.chunks()) {
      List<String> ids = replicas.replicas(chunk.id());
      locations.add(new ChunkLocation(chunk.id(), ids, ids.stream().map(nodes::ref).toList()));
    }
    locate.replyTo().tell(new Located(version, locations, null));
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus get) {
    get.replyTo().tell(StatusReport.of(settings, nodes, namespace, replicas));
    return this;
  }

  private Behavior<Command> onListNames(ListNames list) {
    list.replyTo().tell(new Names(namespace.namesStartingWith(list.prefix() == null ? "" : list.prefix(),
        Math.max(0, Math.min(list.limit(), 10_000)))));
    return this;
  }

  private ArtifactVersion current(String name) {
    return projected.containsKey(name) ? projected.get(name) : namespace.get(name);
  }

  private static String notFound(String name) {
    return "artifact '" + ArtifactNames.printable(name) + "' not found";
  }

  // ---- membership ----

  private Behavior<Command> onNodesListed(NodesListed listed) {
    this.listed = listed.listing().getServiceInstances(StorageNode.SERVICE_KEY);
    describeNewcomers();
    return this;
  }

  private void describeNewcomers() {
    for (ActorRef<StorageNode.Command> ref : listed) {
      if (nodes.byRef(ref) == null) {
        ref.tell(new StorageNode.Describe(descriptions));
      }
    }
  }

  private Behavior<Command> onNodeDescribed(NodeDescribed described) {
    StorageNode.Description description = described.description();
    String id = description.nodeId();
    if (!StorageNodeSettings.isValidNodeId(id) || description.node() == null || description.chunkIds() == null) {
      getContext().getLog().warn("refused a storage node join with a malformed id or report");
      return this;
    }
    NodeTable.Node existing = nodes.get(id);
    if (existing != null && existing.state == NodeTable.State.UP) {
      if (!existing.ref.equals(description.node())) {
        getContext().getLog().warn("refused a second storage node with id {} while the first is up", id);
      }
      return this;
    }
    nodes.join(description);
    getContext().watchWith(description.node(), new NodeTerminated(id, description.node()));
    int counted = 0;
    List<String> unwanted = new ArrayList<>();
    for (String chunkId : description.chunkIds()) {
      if (replicas.isWanted(chunkId)) {
        if (replicas.replicaCount(chunkId) >= settings.replication()) {
          unwanted.add(chunkId); // surplus: enough replicas live elsewhere
        } else if (replicas.addReplica(chunkId, id)) {
          counted++;
        }
      } else if (!inFlightChunks.containsKey(chunkId)) {
        unwanted.add(chunkId); // an orphan: no committed version references it
      }
    }
    if (!unwanted.isEmpty()) {
      deleteOn(id, unwanted);
    }
    getContext().getLog().info("storage node {} joined (zone '{}', {} chunks counted, {} removed)",
        id, description.zone(), counted, unwanted.size());
    return this;
  }

  private Behavior<Command> onNodeTerminated(NodeTerminated terminated) {
    NodeTable.Node node = nodes.get(terminated.nodeId());
    if (node != null && node.ref.equals(terminated.node()) && node.state == NodeTable.State.UP) {
      node.state = NodeTable.State.DEAD;
      Collection<String> lost = replicas.dropNode(node.id);
      getContext().getLog().warn("storage node {} is dead: {} chunks lost a replica", node.id, lost.size());
      describeNewcomers();
    }
    return this;
  }
}
