package io.stork.storagenode;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NodeRef;
import io.stork.runtime.data.ChunkBuffer;
import io.stork.runtime.data.ChunkTransport;
import io.stork.protocol.StorageNodeProtocol.ChunkRead;
import io.stork.protocol.StorageNodeProtocol.ChunkRefused;
import io.stork.protocol.StorageNodeProtocol.ReadReply;
import io.stork.protocol.StorageNodeProtocol.ChunkStored;
import io.stork.protocol.StorageNodeProtocol.Command;
import io.stork.protocol.StorageNodeProtocol.CopyChunk;
import io.stork.protocol.StorageNodeProtocol.DeleteChunks;
import io.stork.protocol.StorageNodeProtocol.Describe;
import io.stork.protocol.StorageNodeProtocol.Description;
import io.stork.protocol.StorageNodeProtocol.KeepRecords;
import io.stork.protocol.StorageNodeProtocol.ListRecords;
import io.stork.protocol.StorageNodeProtocol.RecordPage;
import io.stork.protocol.StorageNodeProtocol.TrashChunks;
import io.stork.protocol.StorageNodeProtocol.ReadChunk;
import io.stork.protocol.StorageNodeProtocol.Report;
import io.stork.protocol.StorageNodeProtocol.StoreChunk;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.Wellformed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * A storage node: keeps chunks on its own disk and knows nothing of artifacts. It runs on the
 * blocking disk dispatcher ({@link io.stork.runtime.DiskDispatcher}), so its file I/O never stalls other actors.
 *
 * <p>It registers itself with the receptionist under {@link StorageNodeProtocol#SERVICE_KEY}; the name node finds it
 * there, asks it to {@link Describe} itself and watches it.
 */
public final class StorageNode extends AbstractBehavior<StorageNodeProtocol.Command> {

  /** Messages of the actor itself, never sent by a peer. */
  private interface Internal extends Command {}

  /** The scrubber's timer: verify the next chunks, within the configured pace. */
  private enum ScrubTick implements Internal, NoSerializationVerificationNeeded { INSTANCE }

  /** Time to look whether the disk's room has changed, and to tell the name node if so. */
  private enum SpaceTick implements Internal, NoSerializationVerificationNeeded { INSTANCE }

  /** Time to delete trash past its grace. */
  private enum TrashTick implements Internal, NoSerializationVerificationNeeded { INSTANCE }

  /** A read off the actor found {@code chunkId} damaged: verify it again here, and discard it if so. */
  private record Damaged(ChunkId chunkId) implements Internal, NoSerializationVerificationNeeded {}

  private static final Duration SCRUB_TICK = Duration.ofSeconds(1);

  /**
   * @param transport how chunks it forwards and copies reach other nodes
   * @param dataAddress where its own data channel listens ({@code host:port}), told to the name node; empty for none
   */
  public static Behavior<Command> create(StorageNodeSettings settings, ChunkTransport transport, String dataAddress) {
    return create(settings, transport, dataAddress, new StorageNodeMetrics(new PrometheusRegistry()), reads -> { });
  }

  /** As {@link #create(StorageNodeSettings, ChunkTransport, String)}, reporting to {@code metrics} while it runs and handing its {@link DirectReads} to {@code directReads}. */
  public static Behavior<Command> create(StorageNodeSettings settings, ChunkTransport transport, String dataAddress,
                                         StorageNodeMetrics metrics, Consumer<DirectReads> directReads) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      NodeFiles files = NodeFiles.open(settings);
      context.getSystem().receptionist().tell(Receptionist.register(StorageNodeProtocol.SERVICE_KEY, context.getSelf()));
      context.getLog().info("storage node {} up with {} in {}", settings.nodeId(), files.summary(), settings.dataDir());
      if (settings.scrubBytesPerSecond() > 0) {
        timers.startTimerWithFixedDelay(ScrubTick.INSTANCE, SCRUB_TICK);
      }
      timers.startTimerWithFixedDelay(SpaceTick.INSTANCE, settings.spaceCheckInterval());
      timers.startTimerWithFixedDelay(TrashTick.INSTANCE, Trash.sweepInterval(settings.orphanGrace()));
      StorageNode node = new StorageNode(context, settings, files, transport, dataAddress, metrics.attach(settings, files));
      directReads.accept(node.reader.direct(settings.nodeId(), chunkId -> context.getSelf().tell(new Damaged(chunkId))));
      return node;
    }));
  }

  private final StorageNodeSettings settings;
  private final ChunkStore store;
  private final ChunkReader reader;
  private final DiskSpace space;
  private final ChunkDisposal disposal;
  private final RecordStore records;
  private final Scrubber scrubber;
  private final DiskWork disk;
  private final ChunkTransport transport;
  private final String dataAddress;
  private final StorageNodeMetrics.Node metrics;
  private final DamagedReplicas damaged;
  private ActorRef<Report> reportTo;

  private StorageNode(ActorContext<Command> context, StorageNodeSettings settings, NodeFiles files,
                      ChunkTransport transport, String dataAddress, StorageNodeMetrics.Node metrics) {
    super(context);
    this.metrics = metrics;
    this.settings = settings;
    this.store = files.chunks();
    this.reader = new ChunkReader(store, metrics);
    this.space = files.space();
    this.disposal = new ChunkDisposal(files.trash(), store, settings.orphanGrace(), context.getLog());
    this.records = files.records();
    this.transport = transport;
    this.dataAddress = dataAddress;
    this.scrubber = new Scrubber(store);
    this.disk = new DiskWork(context);
    this.damaged = new DamagedReplicas(settings.nodeId(), store, reader, metrics, context.getLog(), () -> reportTo);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Describe.class, Wellformed::isComplete, this::onDescribe)
        .onMessage(StoreChunk.class, Wellformed::isComplete, this::onStore)
        .onMessage(ReadChunk.class, Wellformed::isComplete, this::onRead)
        .onMessage(CopyChunk.class, Wellformed::isComplete, this::onCopy)
        .onMessage(DeleteChunks.class, Wellformed::isComplete, this::onDelete)
        .onMessage(TrashChunks.class, Wellformed::isComplete, this::onTrash)
        .onMessage(KeepRecords.class, Wellformed::isComplete, this::onKeepRecords)
        .onMessage(ListRecords.class, list -> Wellformed.isComplete(list) && list.limit() > 0, this::onListRecords)
        .onMessageEquals(ScrubTick.INSTANCE, this::onScrubTick)
        .onMessageEquals(SpaceTick.INSTANCE, this::onSpaceTick)
        .onMessageEquals(TrashTick.INSTANCE, this::onTrashTick)
        .onMessage(Damaged.class, this::onDamaged)
        .onMessage(DiskWork.Finished.class, finished -> {
          finished.onActorThread().run();
          return this;
        })
        .onMessage(Command.class, this::onMalformed)
        .onSignal(PostStop.class, stop -> {
          reader.stop();
          metrics.detach();
          return this;
        })
        .build();
  }

  private Behavior<Command> onMalformed(Command request) {
    getContext().getLog().warn("refused a malformed {} (a field or element missing, a limit below 1)", request.getClass().getSimpleName());
    return this;
  }

  private Behavior<Command> onDescribe(Describe describe) {
    reportTo = describe.replyTo();
    metrics.reported();
    describe.replyTo().tell(new Description(settings.nodeId(), settings.zone(), settings.capabilities(),
        space.capacity(store.usedBytes()), store.usedBytes(), new ArrayList<>(store.chunks().keySet()), getContext().getSelf(), dataAddress));
    describe.replyTo().tell(space.report(store.usedBytes()));
    return this;
  }

  private Behavior<Command> onStore(StoreChunk store) {
    if (!store.pipeline().isEmpty()) {
      List<NodeRef> rest = List.copyOf(store.pipeline().subList(1, store.pipeline().size()));
      transport.store(store.pipeline().get(0), new StoreChunk(store.chunkId(), store.data(), store.crc32c(), rest, store.replyTo()));
    }
    ChunkId chunkId = store.chunkId();
    byte[] data = store.data();
    long claimed = this.store.contains(chunkId) ? 0 : data.length; // a chunk written again takes no more room
    if (!space.claim(this.store.usedBytes(), claimed)) {
      refuseForSpace(store.replyTo(), chunkId);
      return this;
    }
    disposal.reclaimFor(space);
    disk.run(() -> {
      long started = System.nanoTime();
      this.store.put(chunkId, data, store.crc32c());
      metrics.wrote(System.nanoTime() - started);
      return new ChunkStored(chunkId, settings.nodeId());
    }, (stored, failure) -> {
      space.settle(claimed);
      if (DiskSpace.isNoSpace(failure)) {
        refuseForSpace(store.replyTo(), chunkId);
      } else if (failure != null) {
        getContext().getLog().warn("store of chunk {} failed: {}", chunkId, failure.getMessage());
        store.replyTo().tell(refused(chunkId, failure instanceof ChunkCorruptedException ? ErrorKind.CORRUPT : ErrorKind.IO,
            failure.getMessage()));
      } else {
        store.replyTo().tell(stored);
      }
    });
    return this;
  }

  /** The disk is full (or the node at its limit): say so, and tell the name node how much room is left. */
  private void refuseForSpace(ActorRef<StorageNodeProtocol.StoreReply> replyTo, ChunkId chunkId) {
    replyTo.tell(refused(chunkId, ErrorKind.NO_SPACE, space.refusal(store.usedBytes())));
    onSpaceTick();
  }

  private Behavior<Command> onSpaceTick() {
    StorageNodeProtocol.Usage changed = space.reportIfChanged(store.usedBytes());
    if (changed != null && reportTo != null) {
      reportTo.tell(changed);
    }
    return this;
  }

  private ChunkRefused refused(ChunkId chunkId, ErrorKind kind, String message) {
    return new ChunkRefused(chunkId, settings.nodeId(), kind, message);
  }

  private Behavior<Command> onRead(ReadChunk read) {
    read.replyTo().tell(read(read.chunkId()));
    return this;
  }

  /**
   * Reads a chunk on the actor's thread (the disk dispatcher): reads are mostly page-cache hits,
   * where a hop to the pool and back would cost more than the read. A damaged replica is
   * discarded and reported.
   */
  private ReadReply read(ChunkId chunkId) {
    return ChunkTransport.reply(chunkId, settings.nodeId(),
        reader.read(chunkId, new ChunkBuffer(), damage -> damaged.discard(chunkId, damage)));
  }

  /** Damage a direct read found. */
  private Behavior<Command> onDamaged(Damaged found) {
    damaged.discardIfStillDamaged(found.chunkId());
    return this;
  }

  private Behavior<Command> onScrubTick() {
    for (Scrubber.Damage damage : scrubber.verifyNext(settings.scrubBytesPerSecond() * SCRUB_TICK.toSeconds())) {
      damaged.discard(damage.chunkId(), damage.cause());
    }
    metrics.scrubbed(scrubber);
    return this;
  }

  private Behavior<Command> onCopy(CopyChunk copy) {
    ReadReply read = read(copy.chunkId());
    if (read instanceof ChunkRead chunk) {
      transport.store(copy.target(), new StoreChunk(copy.chunkId(), chunk.data(), Checksums.crc32c(chunk.data()), List.of(),
          copy.replyTo()));
    } else {
      ChunkRefused refused = (ChunkRefused) read;
      copy.replyTo().tell(refused(copy.chunkId(), refused.kind(), "copy source " + settings.nodeId() + ": " + refused.message()));
    }
    return this;
  }

  private Behavior<Command> onDelete(DeleteChunks delete) {
    disposal.delete(delete.chunkIds());
    return this;
  }

  private Behavior<Command> onTrash(TrashChunks orphans) {
    disposal.trash(orphans.chunkIds());
    return this;
  }

  private Behavior<Command> onTrashTick() {
    disposal.sweep();
    return this;
  }

  /** Records are fsynced on the disk pool; nobody waits for an answer (see KeepRecords). */
  private Behavior<Command> onKeepRecords(KeepRecords keep) {
    disk.run(() -> records.keep(keep.records()), (kept, failure) -> {
      if (failure != null) {
        getContext().getLog().warn("namespace records not kept: {}", failure.getMessage());
      }
    });
    return this;
  }

  private Behavior<Command> onListRecords(ListRecords list) {
    RecordStore.Page page = records.page(list.startAfter(), list.limit());
    list.replyTo().tell(new RecordPage(settings.nodeId(), page.records(), page.more()));
    return this;
  }
}
