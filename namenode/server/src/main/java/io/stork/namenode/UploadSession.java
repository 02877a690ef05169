package io.stork.namenode;

import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.UploadProtocol.Abort;
import io.stork.protocol.UploadProtocol.Command;
import io.stork.protocol.UploadProtocol.Finish;
import io.stork.protocol.UploadProtocol.Frame;
import io.stork.protocol.UploadProtocol.FrameAccepted;
import io.stork.protocol.UploadProtocol.UploadResult;
import io.stork.protocol.UploadProtocol;
import io.stork.protocol.Wellformed;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One upload or update in progress, a child of the name node. The client streams frames; the
 * session cuts them into chunks, asks the name node where each goes, sends each chunk once to the
 * first replica (which forwards it down the pipeline) and collects the replicas' acks. It holds
 * back frame acks while too many chunks are unacknowledged, so memory stays bounded whatever the
 * artifact's size. When the client finishes and every chunk has its replicas, the name node
 * commits the version; until then nothing of it is visible.
 */
public final class UploadSession extends AbstractBehavior<UploadProtocol.Command> {

  /** The name node's answer to a placement request. */
  record Placed(ChunkId chunkId, List<ActorRef<StorageNodeProtocol.Command>> nodes, List<String> nodeIds, String error)
      implements Command, NoSerializationVerificationNeeded {}

  /** The name node's answer to the commit. */
  record Committed(ArtifactVersion version, String error) implements Command, NoSerializationVerificationNeeded {}

  private record ReplicaAck(StorageNodeProtocol.ChunkStored ack) implements Command, NoSerializationVerificationNeeded {}

  private record StoreTimedOut(ChunkId chunkId, int attempt) implements Command, NoSerializationVerificationNeeded {}

  private enum Idle implements Command, NoSerializationVerificationNeeded { INSTANCE }

  /** What the session needs to know of its job. */
  record Job(String name, boolean replace, List<String> requiredCapabilities) {}

  /** Tunables, from {@link NameNodeSettings}. */
  record Limits(int chunkSize, int replication, int minReplicas, int maxChunksInFlight, int maxAttempts,
                Duration storeTimeout, Duration idleTimeout) {}

  private static final class PendingChunk {
    final int index;
    ChunkId chunkId;
    final byte[] data;
    final int crc32c;
    final Set<String> acked = new LinkedHashSet<>();
    final Set<String> failed = new HashSet<>();
    Set<String> awaiting = new HashSet<>();
    int attempt;

    PendingChunk(int index, byte[] data) {
      this.index = index;
      this.data = data;
      this.crc32c = Checksums.crc32c(data);
    }
  }

  static Behavior<Command> create(Job job, Limits limits, ActorRef<NameNodeProtocol.Command> nameNode) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new UploadSession(context, timers, job, limits, nameNode)));
  }

  private final TimerScheduler<Command> timers;
  private final Job job;
  private final Limits limits;
  private final ActorRef<NameNodeProtocol.Command> nameNode;
  private final ActorRef<StorageNodeProtocol.ChunkStored> ackAdapter;

  private final ChunkAssembler assembler;
  private final MessageDigest sha256 = DigestUtils.getSha256Digest();
  private long size;
  private long nextSeq;
  private final List<ChunkRef> chunks = new ArrayList<>();
  private final Map<ChunkId, PendingChunk> inFlight = new HashMap<>();
  /** Chunks waiting for a placement answer, oldest first (the name node answers in order). */
  private final ArrayDeque<PendingChunk> awaitingPlacement = new ArrayDeque<>();
  private final Map<ChunkId, List<String>> replicasByChunk = new HashMap<>();
  private final ArrayDeque<Frame> heldAcks = new ArrayDeque<>();
  private ActorRef<UploadResult> finishReplyTo;
  private boolean committing;

  private UploadSession(ActorContext<Command> context, TimerScheduler<Command> timers, Job job, Limits limits,
                        ActorRef<NameNodeProtocol.Command> nameNode) {
    super(context);
    this.timers = timers;
    this.job = job;
    this.limits = limits;
    this.nameNode = nameNode;
    this.assembler = new ChunkAssembler(limits.chunkSize());
    this.ackAdapter = context.messageAdapter(StorageNodeProtocol.ChunkStored.class, ReplicaAck::new);
    timers.startSingleTimer(Idle.INSTANCE, Idle.INSTANCE, limits.idleTimeout());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Frame.class, Wellformed::isComplete, this::onFrame)
        .onMessage(Finish.class, Wellformed::isComplete, this::onFinish)
        .onMessage(Abort.class, abort -> committing ? this : fail("upload cancelled by the client"))
        .onMessage(Placed.class, this::onPlaced)
        .onMessage(ReplicaAck.class, this::onReplicaAck)
        .onMessage(StoreTimedOut.class, this::onStoreTimedOut)
        .onMessage(Committed.class, this::onCommitted)
        .onMessageEquals(Idle.INSTANCE, () -> fail("upload of '" + ArtifactNames.printable(job.name())
            + "' timed out waiting for the client"))
        .onMessage(Command.class, malformed -> {
          getContext().getLog().warn("refused a malformed {}", malformed.getClass().getSimpleName());
          return this;
        })
        .build();
  }

  private Behavior<Command> onFrame(Frame frame) {
    timers.startSingleTimer(Idle.INSTANCE, Idle.INSTANCE, limits.idleTimeout());
    if (frame.seq() != nextSeq || finishReplyTo != null) {
      frame.replyTo().tell(new FrameAccepted(frame.seq(), "frame out of order"));
      return fail("upload stream broken: frame " + frame.seq() + " arrived, " + nextSeq + " expected");
    }
    nextSeq++;
    size += frame.data().length;
    sha256.update(frame.data());
    // The assembler keeps pieces of frames: a frame's array is the message's own, never reused by the client.
    for (byte[] chunk : assembler.add(frame.data())) {
      startChunk(chunk);
    }
    if (inFlight.size() + awaitingPlacement.size() < limits.maxChunksInFlight()) {
      frame.replyTo().tell(new FrameAccepted(frame.seq(), null));
    } else {
      heldAcks.add(frame);
    }
    return this;
  }

  private Behavior<Command> onFinish(Finish finish) {
    if (finishReplyTo != null) {
      finish.replyTo().tell(new UploadResult(null, "upload already finishing"));
      return this;
    }
    finishReplyTo = finish.replyTo();
    timers.cancel(Idle.INSTANCE); // the client has said everything; now the session waits for the replicas
    byte[] last = assembler.finish();
    if (last != null) {
      startChunk(last);
    }
    return commitIfComplete();
  }

  private void startChunk(byte[] data) {
    PendingChunk chunk = new PendingChunk(chunks.size(), data);
    chunks.add(null); // filled in when the name node names the chunk
    awaitingPlacement.add(chunk);
    nameNode.tell(new NameNode.PlaceChunk(null, limits.replication(), data.length, job.requiredCapabilities(), Set.of(), getContext().getSelf()));
  }

  /** A placement: for a retry it names a chunk in flight, else it answers the oldest new chunk. */
  private Behavior<Command> onPlaced(Placed placed) {
    PendingChunk chunk = placed.chunkId() == null ? null : inFlight.get(placed.chunkId());
    if (chunk == null) {
      chunk = awaitingPlacement.poll();
      if (chunk == null) {
        return this;
      }
      if (placed.error() == null) {
        chunk.chunkId = placed.chunkId();
        chunks.set(chunk.index, new ChunkRef(chunk.chunkId, chunk.data.length, chunk.crc32c));
        inFlight.put(chunk.chunkId, chunk);
      }
    }
    if (placed.error() != null) {
      return fail(placed.error());
    }
    send(chunk, placed);
    return this;
  }

  private void send(PendingChunk chunk, Placed placed) {
    chunk.attempt++;
    chunk.awaiting = new HashSet<>(placed.nodeIds());
    List<ActorRef<StorageNodeProtocol.Command>> rest = List.copyOf(placed.nodes().subList(1, placed.nodes().size()));
    placed.nodes().get(0).tell(new StorageNodeProtocol.StoreChunk(chunk.chunkId.toString(), chunk.data, chunk.crc32c, rest, ackAdapter));
    timers.startSingleTimer(chunk.chunkId, new StoreTimedOut(chunk.chunkId, chunk.attempt), limits.storeTimeout());
  }

  private Behavior<Command> onReplicaAck(ReplicaAck replicaAck) {
    StorageNodeProtocol.ChunkStored ack = replicaAck.ack();
    ChunkId chunkId = ChunkId.parseOrNull(ack.chunkId());
    PendingChunk chunk = chunkId == null ? null : inFlight.get(chunkId);
    if (chunk == null || !chunk.awaiting.remove(ack.nodeId())) {
      return this; // late ack of a chunk already settled, or an ack of no chunk of ours
    }
    if (ack.ok()) {
      chunk.acked.add(ack.nodeId());
    } else {
      getContext().getLog().warn("replica of chunk {} on {} failed: {}", ack.chunkId(), ack.nodeId(), ack.error());
      chunk.failed.add(ack.nodeId());
    }
    if (chunk.awaiting.isEmpty()) {
      return settle(chunk);
    }
    return this;
  }

  private Behavior<Command> onStoreTimedOut(StoreTimedOut timeout) {
    PendingChunk chunk = inFlight.get(timeout.chunkId());
    if (chunk == null || chunk.attempt != timeout.attempt()) {
      return this;
    }
    // Silent nodes may only have lost a message: retried, unlike nodes that answered with a failure.
    chunk.awaiting.clear();
    return settle(chunk);
  }

  /** Every replica of the current attempt answered or timed out: done, or retry the missing ones. */
  private Behavior<Command> settle(PendingChunk chunk) {
    timers.cancel(chunk.chunkId);
    if (chunk.acked.size() >= limits.replication()
        || (chunk.acked.size() >= limits.minReplicas() && chunk.attempt >= limits.maxAttempts())) {
      inFlight.remove(chunk.chunkId);
      replicasByChunk.put(chunk.chunkId, List.copyOf(chunk.acked));
      releaseHeldAcks();
      return commitIfComplete();
    }
    if (chunk.attempt >= limits.maxAttempts()) {
      return fail("could not store a chunk on " + limits.minReplicas() + " nodes after " + chunk.attempt + " attempts (stored on "
          + chunk.acked.size() + (chunk.failed.isEmpty() ? "" : ", refused by " + chunk.failed) + ")");
    }
    Set<String> exclude = new HashSet<>(chunk.acked);
    exclude.addAll(chunk.failed);
    int missing = limits.replication() - chunk.acked.size();
    nameNode.tell(new NameNode.PlaceChunk(chunk.chunkId, missing, chunk.data.length, job.requiredCapabilities(), exclude, getContext().getSelf()));
    return this;
  }

  private void releaseHeldAcks() {
    while (!heldAcks.isEmpty() && inFlight.size() + awaitingPlacement.size() < limits.maxChunksInFlight()) {
      Frame frame = heldAcks.poll();
      frame.replyTo().tell(new FrameAccepted(frame.seq(), null));
    }
  }

  /**
   * Once the commit is asked for, the outcome is the journal's: an abort or a lost client can no
   * longer stop the session, so its chunks are never deleted under a version about to be visible.
   */
  private Behavior<Command> commitIfComplete() {
    if (finishReplyTo == null || committing || !inFlight.isEmpty() || !awaitingPlacement.isEmpty()) {
      return this;
    }
    committing = true;
    String digest = Hex.encodeHexString(sha256.digest());
    nameNode.tell(new NameNode.CommitUpload(job.name(), job.replace(), size, digest, List.copyOf(chunks),
        job.requiredCapabilities(), Map.copyOf(replicasByChunk), getContext().getSelf()));
    return this;
  }

  private Behavior<Command> onCommitted(Committed committed) {
    finishReplyTo.tell(new UploadResult(committed.version(), committed.error()));
    return Behaviors.stopped();
  }

  private Behavior<Command> fail(String error) {
    getContext().getLog().info("upload of '{}' failed: {}", ArtifactNames.printable(job.name()), error);
    if (finishReplyTo != null) {
      finishReplyTo.tell(new UploadResult(null, error));
    }
    for (Frame held : heldAcks) {
      held.replyTo().tell(new FrameAccepted(held.seq(), error));
    }
    // The name node sees this session stop and removes whatever it stored.
    return Behaviors.stopped();
  }
}
