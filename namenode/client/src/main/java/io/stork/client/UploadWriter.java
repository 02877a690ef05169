package io.stork.client;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.LeaseId;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NameNodeProtocol.Placement;
import io.stork.protocol.NameNodeProtocol.Replacement;
import io.stork.protocol.Refused;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorkException;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One upload, in the client: an actor per upload that begins it at the name node (a lease on the
 * name), has its chunks placed in batches, sends each chunk once to the first node of its placement
 * (which forwards it down the pipeline), collects every replica's answer, places again what a
 * silent or refusing node did not store, renews the lease meanwhile, and commits once every chunk
 * has its replicas. The calling thread cuts the content and hands chunks in ({@link Write}); the
 * outcome completes {@link Upload#result}. Nothing is visible until the commit; a failure aborts the
 * lease, and the name node collects what was stored.
 */
final class UploadWriter extends AbstractBehavior<UploadWriter.Command> {

  interface Command extends NoSerializationVerificationNeeded {}

  /** The next chunk of the content, as cut by the calling thread, with its CRC32C. */
  record Write(byte[] data, int crc32c) implements Command {}

  /** The content is complete: {@code size} bytes with this SHA-256. */
  record Finish(long size, String sha256) implements Command {}

  /** The caller gives up (an interrupt, a read error). */
  record Cancel(StorkException why) implements Command {}

  /** The name node's answer to a request of this upload, or (null answer) the failure to get one in time. */
  private record Begun(NameNodeProtocol.BeginReply reply, Throwable failure) implements Command {}

  private record PlacedAnswer(NameNodeProtocol.PlaceReply reply, Throwable failure) implements Command {}

  private record Stored(StorageNodeProtocol.StoreReply reply) implements Command {}

  private record Renewed(NameNodeProtocol.RenewReply reply, Throwable failure) implements Command {}

  private record CommitAnswer(NameNodeProtocol.CommitReply reply, Throwable failure) implements Command {}

  private record StoreTimedOut(PendingChunk chunk, int attempt) implements Command {}

  private record HedgeStore(PendingChunk chunk, int attempt) implements Command {}

  private enum Tick implements Command { RENEW }

  static Behavior<Command> create(Upload upload) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new UploadWriter(context, timers, upload)));
  }

  private final TimerScheduler<Command> timers;
  private final Upload upload;
  private final ChunkPipeline pipeline;
  private final PlacementQueue placements;
  private LeaseId lease;
  private Finish finish;
  private long commitDeadlineNanos;

  private UploadWriter(ActorContext<Command> context, TimerScheduler<Command> timers, Upload upload) {
    super(context);
    this.timers = timers;
    this.upload = upload;
    this.pipeline = new ChunkPipeline(upload.settings(), upload.transport(), upload.storeLatencies(),
        context.messageAdapter(StorageNodeProtocol.StoreReply.class, Stored::new));
    this.placements = new PlacementQueue(upload.maxChunksPerRequest(), upload.chunkSize(), upload.totalBytes());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Write.class, this::onWrite)
        .onMessage(Finish.class, this::onFinish)
        .onMessage(Cancel.class, cancel -> fail(cancel.why()))
        .onMessage(Begun.class, this::onBegun)
        .onMessage(PlacedAnswer.class, this::onPlaced)
        .onMessage(Stored.class, stored -> settleIfAnswered(pipeline.answer(stored.reply())))
        .onMessage(StoreTimedOut.class, this::onStoreTimedOut)
        .onMessage(HedgeStore.class, hedge -> {
          if (upload.storeHedges().tryHedge()) {
            pipeline.hedge(hedge.chunk(), hedge.attempt());
          }
          return this;
        })
        .onMessageEquals(Tick.RENEW, this::onRenewTick)
        .onMessage(Renewed.class, this::onRenewed)
        .onMessage(CommitAnswer.class, this::onCommitAnswer)
        .onSignal(PostStop.class, stopped -> {
          // A safety net: however the writer ends, its caller hears of it.
          upload.result().completeExceptionally(new StorkException(ErrorKind.INTERNAL, "the upload of '" + upload.printableName()
              + "' stopped unexpectedly; see the log"));
          upload.window().release(upload.settings().chunksInFlight());
          return this;
        })
        .build();
  }

  // ---- chunks in, placements out ----

  private Behavior<Command> onWrite(Write write) {
    PendingChunk chunk = new PendingChunk(pipeline.size(), write.data(), write.crc32c());
    PlacementQueue.Assignment placedAhead = placements.add(chunk);
    pipeline.add(chunk);
    if (placedAhead != null) {
      send(placedAhead.chunk(), placedAhead.placement());
    }
    return lease == null ? beginOnce() : askPlacements();
  }

  private Behavior<Command> onFinish(Finish finish) {
    this.finish = finish;
    this.commitDeadlineNanos = System.nanoTime() + upload.settings().commitTimeout().toNanos();
    return lease == null ? beginOnce() : commitIfComplete();
  }

  /** The first chunk (or the end of an empty content) begins the upload, placing what is cut so far. */
  private Behavior<Command> beginOnce() {
    PlacementQueue.Request first = placements.begin();
    if (first == null) {
      return this; // begun already, its answer on the way
    }
    getContext().ask(NameNodeProtocol.BeginReply.class, upload.nameNode(), upload.settings().requestTimeout(),
        replyTo -> new NameNodeProtocol.BeginUpload(upload.name(), upload.replace(), upload.requiredCapabilities(), first.newChunks(),
            upload.totalBytes(), replyTo),
        Begun::new);
    return this;
  }

  private StorkException silent(String what) {
    return new StorkException(ErrorKind.UNAVAILABLE, "the name node did not answer " + what + " within "
        + upload.settings().requestTimeout().toSeconds() + "s");
  }

  private Behavior<Command> onBegun(Begun begun) {
    if (begun.failure() != null) {
      return fail(silent("the start of the upload"));
    }
    if (begun.reply() instanceof Refused refused) {
      return fail(refused.toException());
    }
    NameNodeProtocol.UploadBegun ok = (NameNodeProtocol.UploadBegun) begun.reply();
    lease = ok.lease();
    pipeline.replicationIs(ok.replication(), ok.minReplicas());
    timers.startTimerWithFixedDelay(Tick.RENEW, Tick.RENEW, Duration.ofMillis(Math.max(100, ok.leaseMillis() / 3)));
    send(placements.placed(ok.placements()));
    askPlacements(); // for the chunks cut while the upload was beginning
    return commitIfComplete();
  }

  /** One placement request at a time: what queues up meanwhile goes in the next one, as a batch. */
  private Behavior<Command> askPlacements() {
    PlacementQueue.Request next = placements.next();
    if (next == null) {
      return this;
    }
    List<Replacement> replacements = next.replacements().stream().map(pipeline::replacement).toList();
    getContext().ask(NameNodeProtocol.PlaceReply.class, upload.nameNode(), upload.settings().requestTimeout(),
        replyTo -> new NameNodeProtocol.PlaceChunks(lease, next.newChunks(), replacements, replyTo), PlacedAnswer::new);
    return this;
  }

  private Behavior<Command> onPlaced(PlacedAnswer answer) {
    if (answer.failure() != null) {
      return fail(silent("a placement"));
    }
    if (answer.reply() instanceof Refused refused) {
      return fail(refused.toException());
    }
    send(placements.placed(((NameNodeProtocol.Placed) answer.reply()).placements()));
    askPlacements();
    return commitIfComplete(); // the chunks retried may all have been stored meanwhile by late answers
  }

  private void send(List<PlacementQueue.Assignment> assignments) {
    assignments.forEach(assignment -> send(assignment.chunk(), assignment.placement()));
  }

  private void send(PendingChunk chunk, Placement placement) {
    Duration wait = pipeline.send(chunk, placement);
    if (chunk.attempt > 1) {
      upload.listener().retrying(chunk.index, placement.nodes().get(0).nodeId(), chunk.attempt);
    }
    upload.storeHedges().requested();
    timers.startSingleTimer(chunk, new StoreTimedOut(chunk, chunk.attempt), wait);
    Duration hedge = pipeline.hedgeAfter();
    if (hedge.compareTo(wait) < 0) {
      timers.startSingleTimer(new HedgeStore(chunk, chunk.attempt), new HedgeStore(chunk, chunk.attempt), hedge);
    }
  }

  // ---- replicas' answers ----

  private Behavior<Command> onStoreTimedOut(StoreTimedOut timeout) {
    return settleIfAnswered(pipeline.timedOut(timeout.chunk(), timeout.attempt()));
  }

  /** A chunk whose replicas have all answered (or fallen silent) is stored, placed again, or the upload fails. */
  private Behavior<Command> settleIfAnswered(PendingChunk chunk) {
    if (chunk == null) {
      return this;
    }
    timers.cancel(chunk);
    switch (pipeline.settle(chunk)) {
      case STORED -> {
        placements.stored(chunk);
        upload.window().release();
        return commitIfComplete();
      }
      case AGAIN -> {
        placements.replace(chunk);
        return askPlacements();
      }
      default -> {
        return fail(pipeline.failure(chunk));
      }
    }
  }

  // ---- the lease and the commit ----

  private Behavior<Command> onRenewTick() {
    getContext().ask(NameNodeProtocol.RenewReply.class, upload.nameNode(), upload.settings().requestTimeout(),
        replyTo -> new NameNodeProtocol.RenewLease(lease, replyTo), Renewed::new);
    return this;
  }

  /** A lost lease ends the upload; a renewal without an answer is tried again at the next tick. */
  private Behavior<Command> onRenewed(Renewed renewed) {
    return renewed.reply() instanceof Refused refused ? fail(refused.toException()) : this;
  }

  private Behavior<Command> commitIfComplete() {
    if (finish == null || lease == null || !placements.commitReady() || !pipeline.allStored()) {
      return this;
    }
    return commit();
  }

  /** Asks for the commit, and again while no answer comes (a commit asked twice is answered the same). */
  private Behavior<Command> commit() {
    if (System.nanoTime() - commitDeadlineNanos > 0) {
      return fail(new StorkException(ErrorKind.UNAVAILABLE, "the name node did not confirm the commit of '"
          + upload.printableName() + "' within " + upload.settings().commitTimeout().toSeconds() + "s: it may or may not be stored"));
    }
    timers.cancel(Tick.RENEW); // the commit holds the lease now
    getContext().ask(NameNodeProtocol.CommitReply.class, upload.nameNode(), upload.settings().requestTimeout(),
        replyTo -> new NameNodeProtocol.CommitUpload(lease, finish.size(), finish.sha256(), pipeline.written(), replyTo),
        CommitAnswer::new);
    return this;
  }

  /** Committed, refused, or no answer in time: then asked again (a commit asked twice is answered the same). */
  private Behavior<Command> onCommitAnswer(CommitAnswer answer) {
    if (answer.failure() != null) {
      return commit();
    }
    if (answer.reply() instanceof Refused refused) {
      return fail(refused.toException());
    }
    ArtifactVersion version = ((NameNodeProtocol.Committed) answer.reply()).version();
    upload.result().complete(version);
    return Behaviors.stopped();
  }

  private Behavior<Command> fail(StorkException why) {
    if (lease != null) {
      upload.nameNode().tell(new NameNodeProtocol.AbortUpload(lease)); // the name node collects what was stored
    }
    upload.result().completeExceptionally(pipeline.explained(why));
    upload.window().release(upload.settings().chunksInFlight()); // a caller waiting for room sees the failure
    return Behaviors.stopped();
  }
}
