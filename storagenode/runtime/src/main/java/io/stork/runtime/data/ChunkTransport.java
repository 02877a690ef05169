package io.stork.runtime.data;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NodeRef;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorageNodeProtocol.ChunkRead;
import io.stork.protocol.StorageNodeProtocol.ChunkRefused;
import io.stork.protocol.StorageNodeProtocol.ReadReply;
import io.stork.protocol.StorageNodeProtocol.StoreChunk;
import io.stork.runtime.HostPort;
import io.stork.runtime.Requests;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * How chunks reach a storage node: to its actor in the same JVM, or over the data channel of its
 * process (a TLS connection of their own beside Artery, so that control messages never queue
 * behind chunks and each chunk is copied as little as possible). Stores and reads are asked the
 * same way whichever it is; a node that cannot be reached is a refusal at once.
 */
public final class ChunkTransport {
  private final ActorRefResolver resolver;
  private final Requests requests;
  private final DataClient data;

  private ChunkTransport(ActorSystem<?> system, DataClient data) {
    this.resolver = ActorRefResolver.get(system);
    this.requests = new Requests(system.scheduler());
    this.data = data;
  }

  /** Chunks go to the actors themselves: every node is in this JVM. */
  public static ChunkTransport local(ActorSystem<?> system) {
    return new ChunkTransport(system, null);
  }

  /** Chunks go over {@code data} to every node that has a data channel. */
  public static ChunkTransport over(ActorSystem<?> system, DataClient data) {
    return new ChunkTransport(system, data);
  }

  /**
   * Sends {@code store} to {@code target}, which forwards it down its pipeline. If it cannot be
   * delivered, its reply-to hears a refusal for every node it would have reached.
   */
  public void store(NodeRef target, StoreChunk store) {
    if (data == null || target.dataAddress().isEmpty()) {
      target.ref().tell(store);
      return;
    }
    try {
      data.store(HostPort.parse(target.dataAddress()), toFrame(store), failure -> refuseAll(target, store, failure.getMessage()));
    } catch (IllegalArgumentException e) {
      refuseAll(target, store, e.getMessage());
    }
  }

  /**
   * {@code target} is unreachable: it refuses as UNAVAILABLE; the nodes down its pipeline never got
   * the chunk and say so as CANCELLED (nothing is wrong with them: they may be asked again).
   */
  private static void refuseAll(NodeRef target, StoreChunk store, String why) {
    String unreachable = target.nodeId() + " at " + target.dataAddress() + " cannot be reached (" + why + ")";
    store.replyTo().tell(new ChunkRefused(store.chunkId(), target.nodeId(), ErrorKind.UNAVAILABLE, unreachable));
    for (NodeRef node : store.pipeline()) {
      store.replyTo().tell(new ChunkRefused(store.chunkId(), node.nodeId(), ErrorKind.CANCELLED, "not forwarded: " + unreachable));
    }
  }

  /** Reads {@code chunkId} from {@code source}; a source that does not answer within {@code timeout} fails the stage with a timeout. */
  public CompletableFuture<ReadReply> read(NodeRef source, ChunkId chunkId, Duration timeout) {
    if (data == null || source.dataAddress().isEmpty()) {
      return requests.ask(source.ref(), replyTo -> new StorageNodeProtocol.ReadChunk(chunkId, replyTo), timeout);
    }
    HostPort address;
    try {
      address = HostPort.parse(source.dataAddress());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new ChunkRefused(chunkId, source.nodeId(), ErrorKind.UNAVAILABLE, e.getMessage()));
    }
    return data.read(address, chunkId, timeout).handle((answer, failure) -> {
      Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
      if (cause instanceof SocketTimeoutException) {
        throw new CompletionException(new TimeoutException(source.nodeId() + " did not answer within " + timeout.toMillis() + " ms"));
      }
      if (cause != null) {
        return new ChunkRefused(chunkId, source.nodeId(), ErrorKind.UNAVAILABLE, source.nodeId() + " cannot be reached ("
            + cause.getMessage() + ")");
      }
      return reply(chunkId, source.nodeId(), answer);
    });
  }

  /** The store a frame from a peer asks for; IllegalArgumentException when a path in it names no actor. */
  public StoreChunk fromFrame(ChunkFrames.Store frame) {
    List<NodeRef> pipeline = new ArrayList<>(frame.pipeline().size());
    for (ChunkFrames.Hop hop : frame.pipeline()) {
      pipeline.add(new NodeRef(hop.nodeId(), resolver.resolveActorRef(hop.actorPath()), hop.dataAddress()));
    }
    return new StoreChunk(frame.chunkId(), frame.data(), frame.crc32c(), List.copyOf(pipeline),
        resolver.resolveActorRef(frame.replyTo()));
  }

  private ChunkFrames.Store toFrame(StoreChunk store) {
    List<ChunkFrames.Hop> hops = new ArrayList<>(store.pipeline().size());
    for (NodeRef node : store.pipeline()) {
      hops.add(new ChunkFrames.Hop(node.nodeId(), resolver.toSerializationFormat(node.ref()), node.dataAddress()));
    }
    return new ChunkFrames.Store(store.chunkId(), store.crc32c(), resolver.toSerializationFormat(store.replyTo()), hops, store.data());
  }

  /** A storage node's reply to a read, as its data channel answered it ({@code answer} of an array of its own). */
  public static ReadReply reply(ChunkId chunkId, String nodeId, ChunkFrames.Answer answer) {
    if (answer.refusal() != null) {
      return new ChunkRefused(chunkId, nodeId, answer.refusal(), answer.message());
    }
    if (answer.data().length != answer.length()) {
      throw new IllegalArgumentException("an answer from a shared buffer cannot become a reply");
    }
    return new ChunkRead(chunkId, nodeId, answer.data());
  }
}
