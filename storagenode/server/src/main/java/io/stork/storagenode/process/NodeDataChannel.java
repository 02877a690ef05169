package io.stork.storagenode.process;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.runtime.HostPort;
import io.stork.runtime.Requests;
import io.stork.runtime.data.ChunkFrames;
import io.stork.runtime.data.ChunkTransport;
import io.stork.runtime.data.DataClient;
import io.stork.runtime.data.DataServer;
import io.stork.runtime.data.DataSettings;
import io.stork.runtime.data.DataSockets;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node process's data channel: the server that takes chunks from clients and other nodes
 * and hands them to the storage node of the current incarnation, and the client it forwards and
 * copies with. Both outlive incarnations, so the node keeps one data address for its life.
 */
final class NodeDataChannel implements DataServer.Handler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeDataChannel.class);

  /** The incarnation chunks go to now: its actor system (to resolve paths and ask) and its storage node. */
  private record Incarnation(ChunkTransport transport, Requests requests, ActorRef<StorageNodeProtocol.Command> node) {}

  private final DataClient client;
  private final Duration readTimeout;
  private final AtomicReference<Incarnation> current = new AtomicReference<>();
  /** Set once, by {@link #open}, before any request can arrive. */
  private DataServer server;
  private String address;

  private NodeDataChannel(DataClient client, Duration readTimeout) {
    this.client = client;
    this.readTimeout = readTimeout;
  }

  static NodeDataChannel open(DataSockets sockets, HostPort listen, DataSettings settings) throws IOException {
    NodeDataChannel channel = new NodeDataChannel(settings.client(sockets), settings.ioTimeout());
    try {
      channel.server = DataServer.start(sockets, listen, channel, settings.idleTimeout(), settings.ioTimeout(),
          settings.maxConnections());
    } catch (IOException e) {
      channel.client.close();
      throw e;
    }
    channel.address = channel.server.address(listen.host()).toString();
    return channel;
  }

  /** Where peers reach it ({@code host:port}). */
  String address() {
    return address;
  }

  /** The transport the storage node of {@code system} forwards and copies with. */
  ChunkTransport transportFor(ActorSystem<?> system) {
    return ChunkTransport.over(system, client);
  }

  /** From now on, chunks go to {@code node} of {@code system}. */
  void serve(ActorSystem<?> system, ChunkTransport transport, ActorRef<StorageNodeProtocol.Command> node) {
    current.set(new Incarnation(transport, new Requests(system.scheduler()), node));
  }

  @Override
  public void store(ChunkFrames.Store store) {
    Incarnation now = current.get();
    if (now == null) {
      log.warn("a chunk arrived while no storage node runs: dropped (its writer places it again)");
      return;
    }
    now.node().tell(now.transport().fromFrame(store));
  }

  @Override
  public CompletableFuture<ChunkFrames.Answer> read(ChunkId chunkId) {
    Incarnation now = current.get();
    if (now == null) {
      return CompletableFuture.completedFuture(new ChunkFrames.Answer(null, ErrorKind.UNAVAILABLE, "the storage node is restarting"));
    }
    return now.requests().<StorageNodeProtocol.Command, StorageNodeProtocol.ReadReply>ask(now.node(),
        replyTo -> new StorageNodeProtocol.ReadChunk(chunkId, replyTo), readTimeout).thenApply(ChunkTransport::answer);
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    client.close();
  }
}
