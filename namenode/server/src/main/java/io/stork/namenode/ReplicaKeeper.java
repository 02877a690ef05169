package io.stork.namenode;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ClusterEvent;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NameNodeProtocol.ArtifactPage;
import io.stork.protocol.NameNodeProtocol.LocateReply;
import io.stork.protocol.NameNodeProtocol.Placement;
import io.stork.protocol.NameNodeProtocol.Replacement;
import io.stork.protocol.NamespaceRecord;
import io.stork.protocol.Refused;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorageNodeProtocol.StoreReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The name node's child that knows where every chunk lives and keeps it at R live replicas. It
 * owns the node table (storage nodes joining, reporting, unreachable, dead), the replica map, the
 * chunks placed for uploads in progress, the repair copies and the cluster's events. The name node
 * tells it what the namespace wants ({@link Want}, {@link Retire}, {@link Release}) and asks it to
 * place chunks; it answers readers and status questions directly. What the storage nodes keep of
 * the namespace, and safe mode, are its {@link NodeRecords}'.
 */
public final class ReplicaKeeper extends AbstractBehavior<ReplicaKeeper.Command> {

  /** Local only: sent by the name node, its parent, or by the keeper to itself. */
  public interface Command extends NoSerializationVerificationNeeded {}

  /**
   * Places new chunks and replacements for an upload; {@code tag} comes back in the answer. At the
   * start of an upload ({@code checkFeasible}) its size, when known ({@code totalBytes}, else -1), must fit.
   */
  record Place(List<Integer> newChunks, List<Replacement> replacements, List<String> capabilities, boolean checkFeasible,
               long totalBytes, Object tag, ActorRef<Placed> replyTo) implements Command {}

  /** The placements, in order, with each chunk's size; or the refusal (nothing placed). */
  record Placed(Object tag, List<Placement> placements, List<Integer> sizes, Refused refused) implements Command {}

  /** A version is committed: its chunks are wanted, with the replicas its client wrote; {@code unused} were placed in vain. */
  record Want(ArtifactVersion version, Map<ChunkId, List<String>> replicas, List<ChunkId> unused) implements Command {}

  /** The journal has reached {@code sequence}: the records of the changes it made durable carry it. */
  record Journaled(long sequence) implements Command {}

  /** {@code name}'s version {@code version} is deleted (journaled): the nodes keep its tombstone. */
  record Tombstoned(String name, long version) implements Command {}

  /** Chunks no version wants any more: delete them everywhere once their grace is over (or space runs short). */
  record Retire(List<ChunkId> chunkIds) implements Command {}

  /** Chunks placed for an upload that will never commit them: delete them where they were sent. */
  record Release(List<ChunkId> chunkIds) implements Command {}

  /** {@code receivedNanos}: when the name node had the request, for the latency of gets. */
  record Locate(ArtifactVersion version, long receivedNanos, ActorRef<LocateReply> replyTo) implements Command {}

  record BadReplica(ChunkId chunkId, String nodeId) implements Command {}

  record ListNodes(ActorRef<NameNodeProtocol.Nodes> replyTo) implements Command {}

  record Summarize(long artifacts, long bytes, int uploads, ActorRef<ClusterSummary> replyTo) implements Command {}

  record DescribeArtifacts(List<ArtifactVersion> versions, boolean more, ActorRef<ArtifactPage> replyTo) implements Command {}

  record Subscribe(ActorRef<ClusterEvent> subscriber) implements Command {}

  record Unsubscribe(ActorRef<ClusterEvent> subscriber) implements Command {}

  record NodeReport(StorageNodeProtocol.Report report) implements Command {}

  /** The failure detector lost, or found again, the process at {@code address} (multi-process mode). */
  record Reachability(Address address, boolean reachable) implements Command {}

  /** {@code node}'s process was found gone ({@code alive} false: its data channel refuses connections), or back. */
  record ProcessSeen(ActorRef<StorageNodeProtocol.Command> node, boolean alive) implements Command {}

  record NodeTerminated(String nodeId, ActorRef<StorageNodeProtocol.Command> node) implements Command {}

  /** The node of {@code node} went unreachable a grace ago. */
  record UnreachableTooLong(ActorRef<StorageNodeProtocol.Command> node) implements Command {}

  record GetRepairLimits(ActorRef<NameNodeProtocol.RepairLimitsReply> replyTo) implements Command {}

  /** New repair limits, at once. */
  record SetRepairLimits(int copiesPerNode, long bytesPerSecondPerNode, ActorRef<NameNodeProtocol.RepairLimitsReply> replyTo)
      implements Command {}

  record CopyDone(StoreReply answer) implements Command {}

  record GetSafeMode(ActorRef<NameNodeProtocol.SafeModeStatus> replyTo) implements Command {}

  record LeaveSafeMode(ActorRef<NameNodeProtocol.SafeModeStatus> replyTo) implements Command {}

  /** Asks what the nodes hold that the namespace lacks; answered with {@link ToRestore}. */
  record Recover(ActorRef<NameNodeProtocol.RecoverReply> client, ActorRef<ToRestore> replyTo) implements Command {}

  /** The records to journal for a recovery, newest per name. */
  record ToRestore(List<NamespaceRecord> records, ActorRef<NameNodeProtocol.RecoverReply> client) {}

  /** A recovery journaled its records: every node is asked again for what it holds, to count it. */
  enum Rescan implements Command { INSTANCE }

  enum Tick implements Command { REPAIR, FULL_SCAN }

  static Behavior<Command> create(NameNodeSettings settings, KnownNamespace known, NameNodeMetrics metrics, ProcessWatcher watcher) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new ReplicaKeeper(context, timers, settings, known, metrics,
        watcher)));
  }

  private final TimerScheduler<Command> timers;
  private final NameNodeSettings settings;
  private final Random random = new Random();
  private final NodeTable nodes = new NodeTable();
  private final ReplicaMap replicas = new ReplicaMap();
  private final PlacedChunks placed;
  private final RetiredChunks retired;
  private final StatusReport status;
  private final Subscribers subscribers;
  private final Membership membership;
  private final Repairs repairs;
  private final Wants wants;
  private final NodeRecords records;
  private final NameNodeMetrics metrics;
  private final NodeWatches watches;

  private ReplicaKeeper(ActorContext<Command> context, TimerScheduler<Command> timers, NameNodeSettings settings,
                        KnownNamespace known, NameNodeMetrics metrics, ProcessWatcher watcher) {
    super(context);
    this.watches = new NodeWatches(context, watcher);
    this.metrics = metrics;
    this.timers = timers;
    this.settings = settings;
    this.placed = new PlacedChunks(settings.replication());
    this.status = new StatusReport(settings.replication(), settings.chunkSize(), nodes, replicas);
    this.subscribers = new Subscribers(settings.subscriptionTimeout().toNanos());
    this.repairs = new Repairs(context.getLog(), settings, nodes, replicas, random, this::announce,
        context.messageAdapter(StoreReply.class, CopyDone::new));
    this.records = new NodeRecords(context.getLog(), settings.replication(), nodes, replicas, placed::isBeingWritten, this::announce,
        context.messageAdapter(StorageNodeProtocol.RecordPage.class, NodeRecords.PageArrived::new), known,
        System.nanoTime() + settings.repairStartupGrace().toNanos());
    this.membership = new Membership(context.getLog(), settings.replication(), nodes, replicas, repairs, this::announce,
        placed::isBeingWritten, context.messageAdapter(StorageNodeProtocol.Report.class, NodeReport::new),
        watches::watch, records);
    this.retired = new RetiredChunks(settings.garbageGrace().toNanos(), nodes, replicas, membership::deleteOn);
    this.wants = new Wants(settings.replication(), nodes, replicas, placed, repairs, membership::deleteOn);
    context.getSystem().receptionist().tell(Receptionist.subscribe(StorageNodeProtocol.SERVICE_KEY,
        context.messageAdapter(Receptionist.Listing.class, Membership.NodesListed::new)));
    known.committed().forEach(version -> version.chunks().forEach(
        chunk -> replicas.addChunk(chunk.id(), chunk.size(), version.requiredCapabilities())));
    // Storage nodes report what they hold as they join: repairs of a restarted cluster wait for them.
    timers.startSingleTimer(Tick.FULL_SCAN, Tick.FULL_SCAN, settings.repairStartupGrace());
    timers.startTimerWithFixedDelay(Tick.REPAIR, Tick.REPAIR, settings.repairInterval());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Place.class, this::onPlace)
        .onMessage(Want.class, want -> run(() -> {
          wants.want(want.version(), want.replicas(), want.unused());
          records.committed(want.version(), want.replicas().values().stream().flatMap(List::stream).distinct().toList());
        }))
        .onMessage(Journaled.class, journaled -> run(() -> records.journaled(journaled.sequence())))
        .onMessage(Tombstoned.class, deleted -> run(() -> records.deleted(deleted.name(), deleted.version())))
        .onMessage(Retire.class, retire -> run(() -> retired.retire(retire.chunkIds(), System.nanoTime())))
        .onMessage(Release.class, release -> run(() -> release.chunkIds().forEach(wants::release)))
        .onMessage(Locate.class, this::onLocate)
        .onMessage(BadReplica.class, bad -> run(() -> membership.onBadReplica(bad.chunkId(), bad.nodeId())))
        .onMessage(ListNodes.class, list -> reply(list.replyTo(), new NameNodeProtocol.Nodes(status.nodes())))
        .onMessage(Summarize.class, this::onSummarize)
        .onMessage(DescribeArtifacts.class, this::onDescribeArtifacts)
        .onMessage(Subscribe.class, subscribe -> run(() -> subscribers.subscribe(subscribe.subscriber(), System.nanoTime())))
        .onMessage(Unsubscribe.class, unsubscribe -> run(() -> subscribers.unsubscribe(unsubscribe.subscriber())))
        .onMessage(Membership.NodesListed.class, listed -> run(() -> membership.onListing(listed.listing())))
        .onMessage(NodeReport.class, report -> run(() -> membership.onReport(report.report())))
        .onMessage(Reachability.class, change -> graceFor(membership.onReachability(change.address(), change.reachable())))
        .onMessage(ProcessSeen.class, seen -> graceFor(membership.onProcessSeen(seen.node(), seen.alive())))
        .onMessage(UnreachableTooLong.class, late -> run(() -> membership.onUnreachableTooLong(late.node())))
        .onMessage(GetRepairLimits.class, get -> run(() -> get.replyTo().tell(repairs.limits())))
        .onMessage(SetRepairLimits.class, set ->
            reply(set.replyTo(), repairs.setLimits(set.copiesPerNode(), set.bytesPerSecondPerNode())))
        .onMessage(NodeTerminated.class, dead -> run(() -> {
          watches.forget(dead.node());
          membership.onTerminated(dead.nodeId(), dead.node());
        }))
        .onMessage(CopyDone.class, done -> run(() -> repairs.onCopyDone(done.answer())))
        .onMessageEquals(Tick.REPAIR, () -> {
          retired.collectDue(System.nanoTime());
          repairs.onTick();
          return this;
        })
        .onMessage(NodeRecords.PageArrived.class, arrived -> run(() -> records.onPage(arrived.page())))
        .onMessage(GetSafeMode.class, get -> reply(get.replyTo(), safeModeStatus()))
        .onMessage(LeaveSafeMode.class, leave -> {
          records.leaveByHand();
          return reply(leave.replyTo(), safeModeStatus());
        })
        .onMessage(Recover.class, recover -> reply(recover.replyTo(), new ToRestore(records.ahead(), recover.client())))
        .onMessageEquals(Rescan.INSTANCE, () -> run(() -> membership.onFullScan()))
        .onMessageEquals(Tick.FULL_SCAN, () -> {
          records.reconsider();
          membership.onFullScan();
          timers.startSingleTimer(Tick.FULL_SCAN, Tick.FULL_SCAN, settings.repairFullScanInterval());
          return this;
        })
        .onSignal(PostStop.class, stop -> run(watches::closeAll))
        .build();
  }

  /** Nodes just made unreachable keep their replicas for the grace. */
  private Behavior<Command> graceFor(List<NodeTable.Node> lost) {
    lost.forEach(node -> timers.startSingleTimer(new UnreachableTooLong(node.ref), settings.unreachableGrace()));
    return this;
  }

  /** Handles a message that changes the keeper's tables, not its behaviour. */
  private Behavior<Command> run(Runnable handling) {
    handling.run();
    return this;
  }

  private <T> Behavior<Command> reply(ActorRef<T> to, T answer) {
    to.tell(answer);
    return this;
  }

  // ---- placements and what the namespace wants ----

  private Behavior<Command> onPlace(Place place) {
    if (place.checkFeasible() && records.refusesUploads()) {
      place.replyTo().tell(new Placed(place.tag(), List.of(), List.of(),
          new Refused(ErrorKind.REFUSED, "the name node is in safe mode: " + records.safeModeReason())));
      return this;
    }
    PlacedChunks.Outcome outcome = placed.place(nodes, place.newChunks(), place.replacements(), place.capabilities(),
        place.checkFeasible(), place.totalBytes(), random);
    if (outcome.refused() != null && outcome.refused().kind() == ErrorKind.NO_SPACE && retired.size() > 0) {
      getContext().getLog().warn("space is short: collecting the {} chunks of deleted and replaced versions now, before their grace "
          + "is over (a reader still on such a version fails)", retired.size());
      retired.collectAllNow();
      outcome = placed.place(nodes, place.newChunks(), place.replacements(), place.capabilities(), place.checkFeasible(),
          place.totalBytes(), random);
    }
    List<Placement> placements = new ArrayList<>(outcome.choices().size());
    for (PlacedChunks.Choice choice : outcome.choices()) {
      placements.add(new Placement(choice.chunkId(), choice.nodeIds().stream().map(nodes::nodeRef).toList()));
    }
    place.replyTo().tell(new Placed(place.tag(), placements, outcome.sizes(), outcome.refused()));
    return this;
  }

  // ---- questions ----

  private Behavior<Command> onLocate(Locate locate) {
    locate.replyTo().tell(new NameNodeProtocol.Located(locate.version(), status.locations(locate.version()), settings.replication()));
    metrics.located(System.nanoTime() - locate.receivedNanos());
    return this;
  }

  private Behavior<Command> onSummarize(Summarize summarize) {
    summarize.replyTo().tell(status.summary(summarize.artifacts(), summarize.bytes(), summarize.uploads(), repairs,
        records.refusesUploads() ? records.safeModeReason() : ""));
    return this;
  }

  private Behavior<Command> onDescribeArtifacts(DescribeArtifacts describe) {
    describe.replyTo().tell(new ArtifactPage(status.describe(describe.versions()), describe.more()));
    return this;
  }

  private NameNodeProtocol.SafeModeStatus safeModeStatus() {
    String reason = records.safeModeReason();
    return new NameNodeProtocol.SafeModeStatus(reason != null, reason == null ? "" : reason);
  }

  private void announce(ClusterEvent event) {
    getContext().getLog().info("event: {}", event.message());
    subscribers.publish(event, System.nanoTime());
  }
}
