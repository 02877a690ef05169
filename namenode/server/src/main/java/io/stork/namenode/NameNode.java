package io.stork.namenode;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stork.namenode.journal.JournalEntry;
import io.stork.namenode.journal.MetadataOpener;
import io.stork.namenode.journal.JournalWriter;
import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol.AbortUpload;
import io.stork.protocol.NameNodeProtocol.BeginReply;
import io.stork.protocol.NameNodeProtocol.BeginUpload;
import io.stork.protocol.NameNodeProtocol.Command;
import io.stork.protocol.NameNodeProtocol.CommitUpload;
import io.stork.protocol.NameNodeProtocol.Committed;
import io.stork.protocol.NameNodeProtocol.Delete;
import io.stork.protocol.NameNodeProtocol.Deleted;
import io.stork.protocol.NameNodeProtocol.GetNodes;
import io.stork.protocol.NameNodeProtocol.GetSummary;
import io.stork.protocol.NameNodeProtocol.LeaseRenewed;
import io.stork.protocol.NameNodeProtocol.ListArtifacts;
import io.stork.protocol.NameNodeProtocol.ListNames;
import io.stork.protocol.NameNodeProtocol.Locate;
import io.stork.protocol.NameNodeProtocol.Names;
import io.stork.protocol.NameNodeProtocol.PlaceChunks;
import io.stork.protocol.NameNodeProtocol.PlaceReply;
import io.stork.protocol.NameNodeProtocol.Placed;
import io.stork.protocol.NameNodeProtocol.Placement;
import io.stork.protocol.NameNodeProtocol.RenewLease;
import io.stork.protocol.NameNodeProtocol.ReportBadReplica;
import io.stork.protocol.NameNodeProtocol.GetRepairLimits;
import io.stork.protocol.NameNodeProtocol.SetRepairLimits;
import io.stork.protocol.NameNodeProtocol.Subscribe;
import io.stork.protocol.NameNodeProtocol.Unsubscribe;
import io.stork.protocol.NameNodeProtocol.UploadBegun;
import io.stork.protocol.NameNodeProtocol.WrittenChunk;
import io.stork.protocol.Refused;
import io.stork.protocol.Wellformed;
import io.stork.runtime.DiskDispatcher;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The name node: owns the namespace, its journal and the uploads in progress, and never carries
 * content. A client begins an upload (a lease on the name), has its chunks placed, stores them on
 * storage nodes itself and commits; the commit is journaled (fsynced) and visible in one step.
 * Where chunks live, and keeping them at R replicas, is the {@link ReplicaKeeper}'s, a child that
 * answers placements and the questions of readers and operators.
 */
public final class NameNode extends AbstractBehavior<Command> {

  private record JournalAck(JournalWriter.Appended appended) implements Command, NoSerializationVerificationNeeded {}

  /** What a placement was asked for: the start of an upload (who began it), or more chunks of one (who asked). */
  private record PlaceFor(Uploads.Upload upload, ActorRef<BeginReply> begun, ActorRef<PlaceReply> placed) {}

  private record KeeperPlaced(ReplicaKeeper.Placed placed) implements Command, NoSerializationVerificationNeeded {}

  private enum Tick implements Command, NoSerializationVerificationNeeded { LEASES }

  public static Behavior<Command> create(NameNodeSettings settings, MetadataOpener.Opened journal) {
    return create(settings, journal, new NameNodeMetrics(new PrometheusRegistry()));
  }

  /** As {@link #create(NameNodeSettings, MetadataOpener.Opened)}, counting its work in {@code metrics}. */
  public static Behavior<Command> create(NameNodeSettings settings, MetadataOpener.Opened journal, NameNodeMetrics metrics) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new NameNode(context, timers, settings, journal, metrics)));
  }

  private final TimerScheduler<Command> timers;
  private final NameNodeSettings settings;
  private final ActorRef<JournalWriter.Command> journal;
  private final ActorRef<JournalWriter.Appended> journalAcks;
  private final ActorRef<ReplicaKeeper.Command> keeper;
  private final ActorRef<ReplicaKeeper.Placed> placements;
  private final Namespace namespace = new Namespace();
  private final PendingWrites pending = new PendingWrites();
  private final Uploads uploads;
  private final NameNodeMetrics metrics;
  private String journalFailure;

  private NameNode(ActorContext<Command> context, TimerScheduler<Command> timers, NameNodeSettings settings,
                   MetadataOpener.Opened opened, NameNodeMetrics metrics) {
    super(context);
    this.metrics = metrics;
    this.timers = timers;
    this.settings = settings;
    this.uploads = new Uploads(settings.leaseTimeout().toNanos(), settings.commitRetention().toNanos());
    opened.live().forEach(version -> namespace.apply(new JournalEntry.Committed(version)));
    this.journal = context.spawn(JournalWriter.create(opened.store(), metrics::journalSynced), "journal", DiskDispatcher.SELECTOR);
    this.journalAcks = context.messageAdapter(JournalWriter.Appended.class, JournalAck::new);
    this.keeper = context.spawn(ReplicaKeeper.create(settings, List.copyOf(namespace.all()), metrics), "replicas");
    this.placements = context.messageAdapter(ReplicaKeeper.Placed.class, KeeperPlaced::new);
    timers.startTimerWithFixedDelay(Tick.LEASES, Tick.LEASES, settings.leaseTimeout().dividedBy(4));
    context.getLog().info("name node up: {} artifacts from the journal (replication {}, chunk size {})",
        namespace.size(), settings.replication(), settings.chunkSize());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(BeginUpload.class, Wellformed::isComplete, this::onBeginUpload)
        .onMessage(PlaceChunks.class, Wellformed::isComplete, this::onPlaceChunks)
        .onMessage(KeeperPlaced.class, this::onPlaced)
        .onMessage(RenewLease.class, Wellformed::isComplete, this::onRenewLease)
        .onMessage(CommitUpload.class, Wellformed::isComplete, this::onCommitUpload)
        .onMessage(AbortUpload.class, Wellformed::isComplete, this::onAbortUpload)
        .onMessageEquals(Tick.LEASES, this::onLeaseTick)
        .onMessage(Delete.class, Wellformed::isComplete, this::onDelete)
        .onMessage(JournalAck.class, this::onJournalAck)
        .onMessage(Locate.class, Wellformed::isComplete, this::onLocate)
        .onMessage(ReportBadReplica.class, Wellformed::isComplete,
            bad -> tellKeeper(new ReplicaKeeper.BadReplica(bad.chunkId(), bad.nodeId())))
        .onMessage(GetNodes.class, Wellformed::isComplete, get -> tellKeeper(new ReplicaKeeper.ListNodes(get.replyTo())))
        .onMessage(GetSummary.class, Wellformed::isComplete, this::onGetSummary)
        .onMessage(ListArtifacts.class, Wellformed::isComplete, this::onListArtifacts)
        .onMessage(ListNames.class, Wellformed::isComplete, this::onListNames)
        .onMessage(GetRepairLimits.class, Wellformed::isComplete, get -> tellKeeper(new ReplicaKeeper.GetRepairLimits(get.replyTo())))
        .onMessage(SetRepairLimits.class, Wellformed::isComplete,
            set -> tellKeeper(new ReplicaKeeper.SetRepairLimits(set.copiesPerNode(), set.bytesPerSecondPerNode(), set.replyTo())))
        .onMessage(Subscribe.class, Wellformed::isComplete, s -> tellKeeper(new ReplicaKeeper.Subscribe(s.subscriber())))
        .onMessage(Unsubscribe.class, Wellformed::isComplete, u -> tellKeeper(new ReplicaKeeper.Unsubscribe(u.subscriber())))
        .onMessage(Command.class, this::onMalformed)
        .build();
  }

  private Behavior<Command> tellKeeper(ReplicaKeeper.Command command) {
    keeper.tell(command);
    return this;
  }

  private Behavior<Command> onMalformed(Command malformed) {
    getContext().getLog().warn("refused a malformed {} (a field or list element is missing)", malformed.getClass().getSimpleName());
    return this;
  }

  // ---- uploads: begin, place, renew, commit, abort ----

  private Behavior<Command> onBeginUpload(BeginUpload begin) {
    Refused refused = checkWrite(begin.name(), begin.replace());
    if (refused == null && !begin.replace() && uploads.isCreating(begin.name())) {
      refused = new Refused(ErrorKind.CONFLICT, "artifact '" + ArtifactNames.printable(begin.name())
          + "' is being uploaded by another client");
    }
    if (refused == null) {
      refused = checkSizes(begin.firstChunks());
    }
    if (refused != null) {
      metrics.uploadRefused(refused.kind());
      begin.replyTo().tell(refused);
      return this;
    }
    Uploads.Upload upload = uploads.begin(begin.name(), begin.replace(), begin.requiredCapabilities(), System.nanoTime());
    keeper.tell(new ReplicaKeeper.Place(begin.firstChunks(), List.of(), upload.requiredCapabilities, true, begin.totalBytes(),
        new PlaceFor(upload, begin.replyTo(), null), placements));
    return this;
  }

  private Behavior<Command> onPlaceChunks(PlaceChunks place) {
    Uploads.Upload upload = uploads.open(place.lease(), System.nanoTime());
    Refused refused = upload == null ? leaseLost() : checkSizes(place.newChunks());
    if (refused == null && place.replacements().stream().anyMatch(r -> !upload.chunks.containsKey(r.chunkId()))) {
      refused = new Refused(ErrorKind.INVALID, "a replacement names a chunk not placed for this upload");
    }
    if (refused != null) {
      place.replyTo().tell(refused);
      return this;
    }
    keeper.tell(new ReplicaKeeper.Place(place.newChunks(), place.replacements(), upload.requiredCapabilities, false, -1,
        new PlaceFor(upload, null, place.replyTo()), placements));
    return this;
  }

  private Refused checkSizes(List<Integer> sizes) {
    if (sizes.size() > settings.maxChunksPerRequest()) {
      return new Refused(ErrorKind.INVALID, "at most " + settings.maxChunksPerRequest() + " chunks are placed at once");
    }
    if (sizes.stream().anyMatch(size -> size < 1 || size > settings.chunkSize())) {
      return new Refused(ErrorKind.INVALID, "a chunk must hold 1 to " + settings.chunkSize() + " bytes (the chunk size)");
    }
    return null;
  }

  private Behavior<Command> onPlaced(KeeperPlaced answer) {
    ReplicaKeeper.Placed placed = answer.placed();
    PlaceFor request = (PlaceFor) placed.tag();
    Uploads.Upload upload = request.upload();
    boolean open = uploads.get(upload.lease) == upload && upload.stage == Uploads.Stage.OPEN;
    if (!open || placed.refused() != null) {
      // Nothing new of it may stay placed: the upload ended or began its commit meanwhile, or the
      // placement failed. A replacement's chunk was placed before: the commit or the end settles it.
      keeper.tell(new ReplicaKeeper.Release(placed.placements().stream().map(Placement::chunkId)
          .filter(chunkId -> !upload.chunks.containsKey(chunkId)).toList()));
      if (request.begun() != null && open) {
        keeper.tell(new ReplicaKeeper.Release(uploads.end(upload))); // a refused start leaves no lease
      }
      Refused refused = placed.refused() != null ? placed.refused()
          : upload.stage == Uploads.Stage.OPEN || uploads.get(upload.lease) != upload ? leaseLost()
          : new Refused(ErrorKind.CONFLICT, "the upload is being committed: no more chunks are placed for it");
      if (request.begun() != null) {
        metrics.uploadRefused(refused.kind());
        request.begun().tell(refused);
      } else {
        request.placed().tell(refused);
      }
      return this;
    }
    for (int i = 0; i < placed.placements().size(); i++) {
      uploads.placed(upload, placed.placements().get(i).chunkId(), placed.sizes().get(i));
    }
    if (request.begun() != null) {
      request.begun().tell(new UploadBegun(upload.lease, settings.chunkSize(), settings.replication(), settings.minReplicas(),
          settings.leaseTimeout().toMillis(), placed.placements()));
    } else {
      request.placed().tell(new Placed(placed.placements()));
    }
    return this;
  }

  /** An open lease is renewed; one whose commit runs or has run is held by it. */
  private Behavior<Command> onRenewLease(RenewLease renew) {
    Uploads.Upload upload = uploads.get(renew.lease());
    boolean held = upload != null && (upload.stage != Uploads.Stage.OPEN || uploads.open(renew.lease(), System.nanoTime()) != null);
    renew.replyTo().tell(held ? new LeaseRenewed(renew.lease()) : leaseLost());
    return this;
  }

  private Behavior<Command> onCommitUpload(CommitUpload commit) {
    Uploads.Upload upload = uploads.get(commit.lease());
    if (upload == null) {
      commit.replyTo().tell(leaseLost());
      return this;
    }
    switch (upload.stage) {
      case COMMITTED -> commit.replyTo().tell(new Committed(upload.committed)); // asked again: the same answer
      case COMMITTING -> upload.waiting.add(commit.replyTo());
      case OPEN -> startCommit(upload, commit);
    }
    return this;
  }

  private void startCommit(Uploads.Upload upload, CommitUpload commit) {
    String invalid = Uploads.invalidCommit(upload, commit.size(), commit.sha256(), commit.chunks());
    Refused refused = invalid != null ? new Refused(ErrorKind.INVALID, invalid) : checkWrite(upload.name, upload.replace);
    if (refused != null) {
      commit.replyTo().tell(refused);
      return;
    }
    ArtifactVersion previous = pending.current(upload.name, namespace);
    List<ChunkRef> chunks = commit.chunks().stream().map(WrittenChunk::chunk).toList();
    ArtifactVersion version = new ArtifactVersion(upload.name, previous == null ? 1 : previous.version() + 1,
        commit.size(), commit.sha256(), chunks, System.currentTimeMillis(), upload.requiredCapabilities);
    Map<ChunkId, List<String>> replicas = commit.chunks().stream()
        .collect(Collectors.toMap(written -> written.chunk().id(), WrittenChunk::nodeIds));
    uploads.commitStarted(upload);
    upload.waiting.add(commit.replyTo());
    write(new JournalEntry.Committed(version), failure -> {
      if (failure == null) {
        uploads.committed(upload, version, System.nanoTime());
        metrics.uploadEnded(NameNodeMetrics.UploadEnd.COMMITTED, upload.beganNanos, System.nanoTime());
        keeper.tell(new ReplicaKeeper.Want(version, replicas, upload.chunks.keySet().stream()
            .filter(chunkId -> !replicas.containsKey(chunkId)).toList()));
      } else {
        uploads.commitFailed(upload, System.nanoTime());
      }
      upload.waiting.forEach(waiter -> waiter.tell(failure == null ? new Committed(version) : failure));
      upload.waiting.clear();
    });
  }

  private Behavior<Command> onAbortUpload(AbortUpload abort) {
    Uploads.Upload upload = uploads.open(abort.lease(), System.nanoTime());
    if (upload != null) {
      keeper.tell(new ReplicaKeeper.Release(uploads.end(upload)));
      metrics.uploadEnded(NameNodeMetrics.UploadEnd.ABORTED, upload.beganNanos, System.nanoTime());
    }
    return this;
  }

  private Behavior<Command> onLeaseTick() {
    int inProgress = uploads.inProgress();
    List<ChunkId> abandoned = uploads.expire(System.nanoTime());
    metrics.uploadsExpired(inProgress - uploads.inProgress());
    if (!abandoned.isEmpty()) {
      getContext().getLog().info("collecting {} chunks of uploads whose client stopped renewing their lease", abandoned.size());
      keeper.tell(new ReplicaKeeper.Release(abandoned));
    }
    return this;
  }

  private static Refused leaseLost() {
    return new Refused(ErrorKind.CONFLICT, "the upload's lease has expired (the client was silent too long) or is unknown");
  }

  /** Null when {@code name} may be created now ({@code replace = false}), or replaced or deleted; else why not. */
  private Refused checkWrite(String name, boolean replace) {
    String problem = ArtifactNames.problem(name);
    if (problem != null) {
      return new Refused(ErrorKind.INVALID, problem);
    }
    if (journalFailure != null) {
      return new Refused(ErrorKind.REFUSED, "the name node refuses changes: " + journalFailure);
    }
    ArtifactVersion current = pending.current(name, namespace);
    if (!replace && current != null) {
      return new Refused(ErrorKind.ALREADY_EXISTS, "artifact '" + ArtifactNames.printable(name)
          + "' already exists (use update to replace it)");
    }
    return replace && current == null ? notFound(name) : null;
  }

  // ---- deletes and the journal ----

  private Behavior<Command> onDelete(Delete delete) {
    Refused refused = checkWrite(delete.name(), true);
    if (refused != null) {
      metrics.deleteRefused(refused.kind());
      delete.replyTo().tell(refused);
      return this;
    }
    long version = pending.current(delete.name(), namespace).version();
    long received = System.nanoTime();
    write(new JournalEntry.Deleted(delete.name(), version), failure -> {
      metrics.deleteJournaled(failure, System.nanoTime() - received);
      delete.replyTo().tell(failure == null ? new Deleted(delete.name(), version) : failure);
    });
    return this;
  }

  private void write(JournalEntry entry, Consumer<Refused> onDone) {
    pending.add(entry, onDone);
    journal.tell(new JournalWriter.Append(entry, journalAcks));
  }

  private Behavior<Command> onJournalAck(JournalAck ack) {
    String failure = ack.appended().error();
    if (failure != null) {
      journalFailure = failure;
    }
    Refused refused = failure == null ? null : new Refused(ErrorKind.REFUSED, "the journal write failed: " + failure);
    for (PendingWrites.Write write : pending.acknowledge(ack.appended().count())) {
      if (failure == null) {
        ArtifactVersion replaced = namespace.apply(write.entry());
        if (replaced != null && !replaced.chunks().isEmpty()) {
          // Removed after a grace period, for readers still on the old version (at once when space runs short).
          keeper.tell(new ReplicaKeeper.Retire(replaced.chunks().stream().map(ChunkRef::id).toList()));
        }
      }
      write.onDone().accept(refused);
    }
    return this;
  }

  // ---- reads and status ----

  private Behavior<Command> onLocate(Locate locate) {
    String problem = ArtifactNames.problem(locate.name());
    ArtifactVersion version = problem == null ? namespace.get(locate.name()) : null;
    if (version == null) {
      Refused refused = problem != null ? new Refused(ErrorKind.INVALID, problem) : notFound(locate.name());
      metrics.locateRefused(refused.kind());
      locate.replyTo().tell(refused);
    } else {
      keeper.tell(new ReplicaKeeper.Locate(version, System.nanoTime(), locate.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onGetSummary(GetSummary get) {
    keeper.tell(new ReplicaKeeper.Summarize(namespace.size(), namespace.bytes(), uploads.inProgress(), get.replyTo()));
    return this;
  }

  private Behavior<Command> onListArtifacts(ListArtifacts list) {
    int limit = Math.max(0, Math.min(list.limit(), settings.maxPageSize()));
    List<ArtifactVersion> page = namespace.page(list.prefix(), list.startAfter(), limit + 1);
    boolean more = page.size() > limit;
    keeper.tell(new ReplicaKeeper.DescribeArtifacts(more ? page.subList(0, limit) : page, more, list.replyTo()));
    return this;
  }

  private Behavior<Command> onListNames(ListNames list) {
    list.replyTo().tell(new Names(namespace.namesStartingWith(list.prefix(), Math.max(0, Math.min(list.limit(), 10_000)))));
    return this;
  }

  private static Refused notFound(String name) {
    return new Refused(ErrorKind.NOT_FOUND, "artifact '" + ArtifactNames.printable(name) + "' not found");
  }
}
