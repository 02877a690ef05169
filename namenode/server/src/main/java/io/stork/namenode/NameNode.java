package io.stork.namenode;

import io.stork.namenode.journal.JournalEntry;
import io.stork.namenode.journal.JournalFile;
import io.stork.namenode.journal.JournalWriter;
import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NameNodeProtocol.BeginUpload;
import io.stork.protocol.NameNodeProtocol.ClusterEvent;
import io.stork.protocol.NameNodeProtocol.Command;
import io.stork.protocol.NameNodeProtocol.Delete;
import io.stork.protocol.NameNodeProtocol.GetStatus;
import io.stork.protocol.NameNodeProtocol.ListNames;
import io.stork.protocol.NameNodeProtocol.Locate;
import io.stork.protocol.NameNodeProtocol.Located;
import io.stork.protocol.NameNodeProtocol.Names;
import io.stork.protocol.NameNodeProtocol.OpResult;
import io.stork.protocol.NameNodeProtocol.ReportBadReplica;
import io.stork.protocol.NameNodeProtocol.Subscribe;
import io.stork.protocol.NameNodeProtocol.UploadBegun;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.UploadProtocol;
import io.stork.protocol.Wellformed;
import io.stork.runtime.DiskDispatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.Address;
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
 * The name node: owns the namespace, the replica map and the node table; hands out placements to
 * upload sessions and commits their versions through the journal; watches storage nodes and
 * restores the replication factor when they die. A change is visible (to {@link Locate},
 * {@link GetStatus}) only once its journal entry is fsynced.
 */
public final class NameNode extends AbstractBehavior<NameNodeProtocol.Command> {

  // ---- from upload sessions (children) ----

  /** Asks for {@code count} nodes for a chunk; a null {@code chunkId} asks for a new chunk. */
  record PlaceChunk(ChunkId chunkId, int count, int size, List<String> requiredCapabilities, Set<String> excluded,
                    ActorRef<UploadProtocol.Command> replyTo) implements Command, NoSerializationVerificationNeeded {}

  record CommitUpload(String name, boolean replace, long size, String sha256, List<ChunkRef> chunks,
                      List<String> requiredCapabilities, Map<ChunkId, List<String>> replicas,
                      ActorRef<UploadProtocol.Command> replyTo) implements Command, NoSerializationVerificationNeeded {}

  // ---- internal ----

  private record NodesListed(Receptionist.Listing listing) implements Command, NoSerializationVerificationNeeded {}

  private record NodeReport(StorageNodeProtocol.Report report) implements Command, NoSerializationVerificationNeeded {}

  /** The failure detector lost, or found again, the process at {@code address} (multi-process mode). */
  record Reachability(Address address, boolean reachable) implements Command, NoSerializationVerificationNeeded {}

  record NodeTerminated(String nodeId, ActorRef<StorageNodeProtocol.Command> node) implements Command, NoSerializationVerificationNeeded {}

  private record SessionEnded(ActorRef<UploadProtocol.Command> session) implements Command, NoSerializationVerificationNeeded {}

  private record SubscriberGone(ActorRef<ClusterEvent> subscriber) implements Command, NoSerializationVerificationNeeded {}

  private record JournalAck(JournalWriter.Appended appended) implements Command, NoSerializationVerificationNeeded {}

  private record CollectChunks(List<ChunkId> chunkIds) implements Command, NoSerializationVerificationNeeded {}

  private record CopyDone(StorageNodeProtocol.ChunkStored ack) implements Command, NoSerializationVerificationNeeded {}

  private enum Tick implements Command, NoSerializationVerificationNeeded { REPAIR, FULL_SCAN }

  public static Behavior<Command> create(NameNodeSettings settings, JournalFile.Opened journal) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new NameNode(context, timers, settings, journal)));
  }

  private final TimerScheduler<Command> timers;
  private final NameNodeSettings settings;
  private final ActorRef<JournalWriter.Command> journal;
  private final ActorRef<JournalWriter.Appended> journalAcks;
  private final Random random = new Random();

  private final Namespace namespace = new Namespace();
  private final PendingWrites pending = new PendingWrites();
  private final ReplicaMap replicas = new ReplicaMap();
  private final NodeTable nodes = new NodeTable();
  private final ReplicaKeeper keeper;
  private final Uploads uploads = new Uploads();
  private final Set<ActorRef<ClusterEvent>> subscribers = new HashSet<>();
  private String journalFailure;
  private long sessionCounter;

  private NameNode(ActorContext<Command> context, TimerScheduler<Command> timers, NameNodeSettings settings,
                   JournalFile.Opened opened) {
    super(context);
    this.timers = timers;
    this.settings = settings;
    opened.entries().forEach(namespace::apply);
    namespace.all().forEach(this::want);
    this.journal = context.spawn(JournalWriter.create(opened.journal()), "journal", DiskDispatcher.SELECTOR);
    this.journalAcks = context.messageAdapter(JournalWriter.Appended.class, JournalAck::new);
    this.keeper = new ReplicaKeeper(context, settings, nodes, replicas, random, this::announce,
        context.messageAdapter(StorageNodeProtocol.Report.class, NodeReport::new),
        context.messageAdapter(StorageNodeProtocol.ChunkStored.class, CopyDone::new));
    ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class, NodesListed::new);
    context.getSystem().receptionist().tell(Receptionist.subscribe(StorageNodeProtocol.SERVICE_KEY, listings));
    // Storage nodes report what they hold as they join: repairs of a restarted cluster wait for them.
    timers.startSingleTimer(Tick.FULL_SCAN, Tick.FULL_SCAN, settings.repairStartupGrace());
    timers.startTimerWithFixedDelay(Tick.REPAIR, Tick.REPAIR, settings.repairInterval());
    context.getLog().info("name node up: {} artifacts, {} chunks from the journal (replication {}, chunk size {})",
        namespace.size(), replicas.size(), settings.replication(), settings.chunkSize());
    if (opened.discardedBytes() > 0) {
      context.getLog().warn("the journal ended in a record torn by a crash: {} bytes dropped (never acknowledged)",
          opened.discardedBytes());
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(BeginUpload.class, Wellformed::isComplete, this::onBeginUpload)
        .onMessage(PlaceChunk.class, this::onPlaceChunk)
        .onMessage(CommitUpload.class, this::onCommitUpload)
        .onMessage(SessionEnded.class, this::onSessionEnded)
        .onMessage(Delete.class, Wellformed::isComplete, this::onDelete)
        .onMessage(JournalAck.class, this::onJournalAck)
        .onMessage(CollectChunks.class, this::onCollectChunks)
        .onMessage(Locate.class, Wellformed::isComplete, this::onLocate)
        .onMessage(GetStatus.class, Wellformed::isComplete, this::onGetStatus)
        .onMessage(ListNames.class, Wellformed::isComplete, this::onListNames)
        .onMessage(Subscribe.class, Wellformed::isComplete, this::onSubscribe)
        .onMessage(SubscriberGone.class, gone -> { subscribers.remove(gone.subscriber()); return this; })
        .onMessage(NodesListed.class, listed -> keep(() -> keeper.onListing(listed.listing())))
        .onMessage(NodeReport.class, report -> keep(() -> keeper.onReport(report.report(), uploads::isBeingWritten)))
        .onMessage(Reachability.class, change -> keep(() -> keeper.onReachability(change.address(), change.reachable())))
        .onMessage(NodeTerminated.class, dead -> keep(() -> keeper.onTerminated(dead.nodeId(), dead.node())))
        .onMessage(ReportBadReplica.class, Wellformed::isComplete, bad -> keep(() -> keeper.onBadReplica(bad.chunkId(), bad.nodeId())))
        .onMessage(CopyDone.class, done -> keep(() -> keeper.onCopyDone(done.ack())))
        .onMessageEquals(Tick.REPAIR, () -> keep(keeper::onRepairTick))
        .onMessageEquals(Tick.FULL_SCAN, () -> keep(() -> {
          keeper.onFullScan();
          timers.startSingleTimer(Tick.FULL_SCAN, Tick.FULL_SCAN, settings.repairFullScanInterval());
        }))
        .onMessage(Command.class, malformed -> keep(() -> getContext().getLog().warn(
            "refused a malformed {} (a field or list element is missing)", malformed.getClass().getSimpleName())))
        .build();
  }

  private Behavior<Command> keep(Runnable action) {
    action.run();
    return this;
  }

  // ---- writes ----

  private Behavior<Command> onBeginUpload(BeginUpload begin) {
    String error = checkWrite(begin.name(), begin.replace());
    if (error == null && !begin.replace() && uploads.isCreating(begin.name())) {
      error = "artifact '" + ArtifactNames.printable(begin.name()) + "' is being uploaded by another client";
    }
    if (error == null) {
      error = PlacementPolicy.choose(nodes.live(), settings.replication(), 0, begin.requiredCapabilities(), Set.of(), random).error();
    }
    if (error != null) {
      begin.replyTo().tell(new UploadBegun(null, error));
      return this;
    }
    UploadSession.Job job = new UploadSession.Job(begin.name(), begin.replace(), List.copyOf(begin.requiredCapabilities()));
    ActorRef<UploadProtocol.Command> session =
        getContext().spawn(UploadSession.create(job, settings.uploadLimits(), getContext().getSelf()), "upload-" + (++sessionCounter));
    getContext().watchWith(session, new SessionEnded(session));
    uploads.begin(session, begin.name(), begin.replace());
    begin.replyTo().tell(new UploadBegun(session, null));
    return this;
  }

  /**
   * Null when {@code name} may be created now ({@code replace = false}), or replaced or deleted
   * ({@code replace = true}); else why not.
   */
  private String checkWrite(String name, boolean replace) {
    String problem = ArtifactNames.problem(name);
    if (problem != null) {
      return problem;
    }
    if (journalFailure != null) {
      return "the name node refuses changes: " + journalFailure;
    }
    ArtifactVersion current = pending.current(name, namespace);
    if (!replace && current != null) {
      return "artifact '" + ArtifactNames.printable(name) + "' already exists (use update to replace it)";
    }
    return replace && current == null ? notFound(name) : null;
  }

  private Behavior<Command> onPlaceChunk(PlaceChunk place) {
    boolean known = uploads.knows(place.replyTo());
    ChunkId chunkId = place.chunkId() == null ? ChunkId.random() : place.chunkId();
    PlacementPolicy.Placement placement = PlacementPolicy.choose(nodes.live(), place.count(), place.size(),
        place.requiredCapabilities(), place.excluded(), random);
    if (!known || !placement.ok()) {
      place.replyTo().tell(new UploadSession.Placed(place.chunkId(), List.of(), List.of(),
          known ? placement.error() : "upload session unknown"));
      return this;
    }
    uploads.placed(place.replyTo(), chunkId, place.size(), placement.nodeIds());
    List<ActorRef<StorageNodeProtocol.Command>> refs = new ArrayList<>();
    for (String nodeId : placement.nodeIds()) {
      nodes.get(nodeId).usedBytes += place.size();
      refs.add(nodes.ref(nodeId));
    }
    place.replyTo().tell(new UploadSession.Placed(chunkId, refs, placement.nodeIds(), null));
    return this;
  }

  private Behavior<Command> onCommitUpload(CommitUpload commit) {
    boolean known = uploads.knows(commit.replyTo());
    String error = known ? checkWrite(commit.name(), commit.replace()) : "upload session unknown";
    if (error != null) {
      commit.replyTo().tell(new UploadSession.Committed(null, error));
      return this;
    }
    ArtifactVersion previous = pending.current(commit.name(), namespace);
    ArtifactVersion version = new ArtifactVersion(commit.name(), previous == null ? 1 : previous.version() + 1,
        commit.size(), commit.sha256(), commit.chunks(), System.currentTimeMillis(), commit.requiredCapabilities());
    uploads.commitStarted(commit.replyTo());
    write(new JournalEntry.Committed(version), failure -> {
      deleteStored(uploads.commitEnded(commit.replyTo(), failure == null ? version : null));
      if (failure == null) {
        want(version);
        for (ChunkRef chunk : version.chunks()) {
          commit.replicas().getOrDefault(chunk.id(), List.of()).stream().filter(nodes::isUp)
              .forEach(nodeId -> replicas.addReplica(chunk.id(), nodeId));
          keeper.endangerIfShort(List.of(chunk.id()));
        }
      }
      commit.replyTo().tell(new UploadSession.Committed(failure == null ? version : null, failure));
    });
    return this;
  }

  private void want(ArtifactVersion version) {
    version.chunks().forEach(chunk -> replicas.addChunk(chunk.id(), chunk.size(), version.requiredCapabilities()));
  }

  private Behavior<Command> onSessionEnded(SessionEnded ended) {
    deleteStored(uploads.ended(ended.session()));
    return this;
  }

  /** Deletes chunks from the nodes that store them (one message per node) and gives their space back. */
  private void deleteStored(List<StoredChunk> chunks) {
    Map<String, List<ChunkId>> byNode = new HashMap<>();
    for (StoredChunk chunk : chunks) {
      for (String nodeId : chunk.nodes()) {
        byNode.computeIfAbsent(nodeId, n -> new ArrayList<>()).add(chunk.chunkId());
        release(nodeId, chunk.size());
      }
    }
    byNode.forEach(keeper::deleteOn);
  }

  private Behavior<Command> onDelete(Delete delete) {
    String problem = checkWrite(delete.name(), true);
    ArtifactVersion current = problem == null ? pending.current(delete.name(), namespace) : null;
    if (problem != null) {
      delete.replyTo().tell(new OpResult(problem));
      return this;
    }
    write(new JournalEntry.Deleted(delete.name(), current.version()), failure -> delete.replyTo().tell(new OpResult(failure)));
    return this;
  }

  private void write(JournalEntry entry, Consumer<String> onDone) {
    pending.add(entry, onDone);
    journal.tell(new JournalWriter.Append(entry, journalAcks));
  }

  private Behavior<Command> onJournalAck(JournalAck ack) {
    String failure = ack.appended().error();
    if (failure != null) {
      journalFailure = failure;
    }
    for (PendingWrites.Write write : pending.acknowledge(ack.appended().count())) {
      if (failure == null) {
        ArtifactVersion replaced = namespace.apply(write.entry());
        if (replaced != null && !replaced.chunks().isEmpty()) {
          // Removed after a grace period, for readers still on the old version.
          timers.startSingleTimer(new Object(), new CollectChunks(replaced.chunks().stream().map(ChunkRef::id).toList()),
              settings.garbageGrace());
        }
      }
      write.onDone().accept(failure);
    }
    return this;
  }

  private Behavior<Command> onCollectChunks(CollectChunks collect) {
    List<StoredChunk> unwanted = new ArrayList<>();
    for (ChunkId chunkId : collect.chunkIds()) {
      int size = replicas.chunkSize(chunkId);
      unwanted.add(new StoredChunk(chunkId, size, replicas.removeChunk(chunkId)));
    }
    deleteStored(unwanted);
    return this;
  }

  private void release(String nodeId, long bytes) {
    NodeTable.Node node = nodes.get(nodeId);
    if (node != null) {
      node.usedBytes = Math.max(0, node.usedBytes - bytes);
    }
  }

  // ---- reads ----

  private Behavior<Command> onLocate(Locate locate) {
    String problem = ArtifactNames.problem(locate.name());
    ArtifactVersion version = problem == null ? namespace.get(locate.name()) : null;
    if (version == null) {
      locate.replyTo().tell(new Located(null, List.of(), settings.replication(), problem != null ? problem : notFound(locate.name())));
      return this;
    }
    locate.replyTo().tell(new Located(version, keeper.locations(version), settings.replication(), null));
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus get) {
    get.replyTo().tell(StatusReport.of(settings, nodes, namespace, replicas, keeper));
    return this;
  }

  private Behavior<Command> onListNames(ListNames list) {
    list.replyTo().tell(new Names(namespace.namesStartingWith(list.prefix() == null ? "" : list.prefix(),
        Math.max(0, Math.min(list.limit(), 10_000)))));
    return this;
  }

  private Behavior<Command> onSubscribe(Subscribe subscribe) {
    if (subscribers.add(subscribe.subscriber())) {
      getContext().watchWith(subscribe.subscriber(), new SubscriberGone(subscribe.subscriber()));
    }
    return this;
  }

  private void announce(String message) {
    getContext().getLog().info("event: {}", message);
    ClusterEvent event = new ClusterEvent(message, System.currentTimeMillis());
    subscribers.forEach(subscriber -> subscriber.tell(event));
  }

  private static String notFound(String name) {
    return "artifact '" + ArtifactNames.printable(name) + "' not found";
  }
}
