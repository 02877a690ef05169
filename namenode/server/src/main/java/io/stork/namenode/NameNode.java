package io.stork.namenode;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stork.namenode.journal.JournalEntry;
import io.stork.namenode.journal.MetadataOpener;
import io.stork.namenode.journal.JournalWriter;
import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol.AbortUpload;
import io.stork.protocol.NameNodeProtocol.BeginUpload;
import io.stork.protocol.NameNodeProtocol.Command;
import io.stork.protocol.NameNodeProtocol.CommitUpload;
import io.stork.protocol.NameNodeProtocol.Delete;
import io.stork.protocol.NameNodeProtocol.Deleted;
import io.stork.protocol.NameNodeProtocol.GetNodes;
import io.stork.protocol.NameNodeProtocol.GetSafeMode;
import io.stork.protocol.NameNodeProtocol.LeaveSafeMode;
import io.stork.protocol.NameNodeProtocol.RecoverNamespace;
import io.stork.protocol.NameNodeProtocol.GetSummary;
import io.stork.protocol.NameNodeProtocol.ListArtifacts;
import io.stork.protocol.NameNodeProtocol.ListNames;
import io.stork.protocol.NameNodeProtocol.Locate;
import io.stork.protocol.NameNodeProtocol.Names;
import io.stork.protocol.NameNodeProtocol.PlaceChunks;
import io.stork.protocol.NameNodeProtocol.Placed;
import io.stork.protocol.NameNodeProtocol.RenewLease;
import io.stork.protocol.NameNodeProtocol.ReportBadReplica;
import io.stork.protocol.NameNodeProtocol.GetRepairLimits;
import io.stork.protocol.NameNodeProtocol.SetRepairLimits;
import io.stork.protocol.NameNodeProtocol.Subscribe;
import io.stork.protocol.NameNodeProtocol.Unsubscribe;
import io.stork.protocol.Refused;
import io.stork.protocol.Wellformed;
import io.stork.runtime.DiskDispatcher;
import java.util.List;
import java.util.Map;
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
 * The uploads are handled by {@link UploadCommands}, changes go through {@link JournaledNamespace};
 * where chunks live, and keeping them at R replicas, is the {@link ReplicaKeeper}'s, a child that
 * answers placements and the questions of readers and operators.
 */
public final class NameNode extends AbstractBehavior<Command> {

  private record JournalAck(JournalWriter.Appended appended) implements Command, NoSerializationVerificationNeeded {}

  private record KeeperPlaced(ReplicaKeeper.Placed placed) implements Command, NoSerializationVerificationNeeded {}

  private record RestoreAsked(ReplicaKeeper.ToRestore restore) implements Command, NoSerializationVerificationNeeded {}

  private enum Tick implements Command, NoSerializationVerificationNeeded { LEASES }

  public static Behavior<Command> create(NameNodeSettings settings, MetadataOpener.Opened journal) {
    return create(settings, journal, new NameNodeMetrics(new PrometheusRegistry()));
  }

  /** As {@link #create(NameNodeSettings, MetadataOpener.Opened)}, counting its work in {@code metrics}. */
  public static Behavior<Command> create(NameNodeSettings settings, MetadataOpener.Opened journal, NameNodeMetrics metrics) {
    return create(settings, journal, metrics, ProcessWatcher.NONE);
  }

  /** As above, learning of storage node processes gone through {@code watcher} (across processes). */
  public static Behavior<Command> create(NameNodeSettings settings, MetadataOpener.Opened journal, NameNodeMetrics metrics,
                                         ProcessWatcher watcher) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new NameNode(context, timers, settings, journal, metrics,
        watcher)));
  }

  private final NameNodeSettings settings;
  private final JournaledNamespace names;
  private final ActorRef<ReplicaKeeper.Command> keeper;
  private final UploadCommands uploads;
  private final Recovery recovery;
  private final ActorRef<ReplicaKeeper.ToRestore> restores;
  private final NameNodeMetrics metrics;

  private NameNode(ActorContext<Command> context, TimerScheduler<Command> timers, NameNodeSettings settings,
                   MetadataOpener.Opened opened, NameNodeMetrics metrics, ProcessWatcher watcher) {
    super(context);
    this.metrics = metrics;
    this.settings = settings;
    Namespace namespace = Namespace.of(opened.image());
    ActorRef<JournalWriter.Command> journal =
        context.spawn(JournalWriter.create(opened.store(), metrics::journalSynced), "journal", DiskDispatcher.SELECTOR);
    this.names = new JournaledNamespace(namespace, journal, context.messageAdapter(JournalWriter.Appended.class, JournalAck::new));
    this.keeper = context.spawn(ReplicaKeeper.create(settings,
        KnownNamespace.of(namespace, opened.store().lastSequence(), opened.lost()), metrics, watcher), "replicas");
    this.uploads = new UploadCommands(settings, names, keeper, context.messageAdapter(ReplicaKeeper.Placed.class, KeeperPlaced::new),
        metrics, context.getLog());
    this.recovery = new Recovery(names, keeper, context.getLog());
    this.restores = context.messageAdapter(ReplicaKeeper.ToRestore.class, RestoreAsked::new);
    timers.startTimerWithFixedDelay(Tick.LEASES, Tick.LEASES, settings.leaseTimeout().dividedBy(4));
    context.getLog().info("name node up: {} artifacts from the journal (replication {}, chunk size {})",
        namespace.size(), settings.replication(), settings.chunkSize());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(BeginUpload.class, Wellformed::isComplete, begin -> upload(() -> uploads.begin(begin)))
        .onMessage(PlaceChunks.class, Wellformed::isComplete, place -> upload(() -> uploads.place(place)))
        .onMessage(KeeperPlaced.class, answer -> upload(() -> uploads.placed(answer.placed())))
        .onMessage(RenewLease.class, Wellformed::isComplete, renew -> upload(() -> uploads.renew(renew)))
        .onMessage(CommitUpload.class, Wellformed::isComplete, commit -> upload(() -> uploads.commit(commit)))
        .onMessage(AbortUpload.class, Wellformed::isComplete, abort -> upload(() -> uploads.abort(abort)))
        .onMessageEquals(Tick.LEASES, () -> upload(uploads::expireLeases))
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
        .onMessage(GetSafeMode.class, Wellformed::isComplete, get -> tellKeeper(new ReplicaKeeper.GetSafeMode(get.replyTo())))
        .onMessage(LeaveSafeMode.class, Wellformed::isComplete, leave -> tellKeeper(new ReplicaKeeper.LeaveSafeMode(leave.replyTo())))
        .onMessage(RecoverNamespace.class, Wellformed::isComplete,
            recover -> tellKeeper(new ReplicaKeeper.Recover(recover.replyTo(), restores)))
        .onMessage(RestoreAsked.class, asked -> {
          recovery.restore(asked.restore().records(), asked.restore().client());
          return this;
        })
        .onMessage(Subscribe.class, Wellformed::isComplete, s -> tellKeeper(new ReplicaKeeper.Subscribe(s.subscriber())))
        .onMessage(Unsubscribe.class, Wellformed::isComplete, u -> tellKeeper(new ReplicaKeeper.Unsubscribe(u.subscriber())))
        .onMessage(Command.class, this::onMalformed)
        .build();
  }

  /** Upload messages are the {@link UploadCommands}'; none changes this behaviour. */
  private Behavior<Command> upload(Runnable handling) {
    handling.run();
    return this;
  }

  private Behavior<Command> tellKeeper(ReplicaKeeper.Command command) {
    keeper.tell(command);
    return this;
  }

  private Behavior<Command> onMalformed(Command malformed) {
    getContext().getLog().warn("refused a malformed {} (a field or list element is missing)", malformed.getClass().getSimpleName());
    return this;
  }

  // ---- deletes and the journal ----

  private Behavior<Command> onDelete(Delete delete) {
    Refused refused = names.checkWrite(delete.name(), true);
    if (refused != null) {
      metrics.deleteRefused(refused.kind());
      delete.replyTo().tell(refused);
      return this;
    }
    long version = names.current(delete.name()).version();
    long received = System.nanoTime();
    names.write(new JournalEntry.Deleted(delete.name(), version), failure -> {
      metrics.deleteJournaled(failure, System.nanoTime() - received);
      delete.replyTo().tell(failure == null ? new Deleted(delete.name(), version) : failure);
    });
    return this;
  }

  private Behavior<Command> onJournalAck(JournalAck ack) {
    keeper.tell(new ReplicaKeeper.Journaled(ack.appended().lastSequence())); // before the records of these changes
    for (JournaledNamespace.Applied applied : names.acknowledged(ack.appended())) {
      if (applied.entry() instanceof JournalEntry.Deleted deleted) {
        keeper.tell(new ReplicaKeeper.Tombstoned(deleted.name(), deleted.version()));
      }
      ArtifactVersion replaced = applied.replaced();
      if (replaced != null && !replaced.chunks().isEmpty()) {
        // Removed after a grace period, for readers still on the old version (at once when space runs short).
        keeper.tell(new ReplicaKeeper.Retire(replaced.chunks().stream().map(ChunkRef::id).toList()));
      }
    }
    return this;
  }

  // ---- reads and status ----

  private Behavior<Command> onLocate(Locate locate) {
    String problem = ArtifactNames.problem(locate.name());
    ArtifactVersion version = problem == null ? names.durable().get(locate.name()) : null;
    if (version == null) {
      Refused refused = problem != null ? new Refused(ErrorKind.INVALID, problem) : JournaledNamespace.notFound(locate.name());
      metrics.locateRefused(refused.kind());
      locate.replyTo().tell(refused);
    } else {
      keeper.tell(new ReplicaKeeper.Locate(version, System.nanoTime(), locate.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onGetSummary(GetSummary get) {
    Namespace namespace = names.durable();
    keeper.tell(new ReplicaKeeper.Summarize(namespace.size(), namespace.bytes(), uploads.inProgress(), get.replyTo()));
    return this;
  }

  private Behavior<Command> onListArtifacts(ListArtifacts list) {
    int limit = Math.max(0, Math.min(list.limit(), settings.maxPageSize()));
    List<ArtifactVersion> page = names.durable().page(list.prefix(), list.startAfter(), limit + 1);
    boolean more = page.size() > limit;
    keeper.tell(new ReplicaKeeper.DescribeArtifacts(more ? page.subList(0, limit) : page, more, list.replyTo()));
    return this;
  }

  private Behavior<Command> onListNames(ListNames list) {
    list.replyTo().tell(new Names(names.durable().namesStartingWith(list.prefix(), Math.max(0, Math.min(list.limit(), 10_000)))));
    return this;
  }

}
