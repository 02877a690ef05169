package io.stork.storagenode.process;

import io.stork.faults.FaultPlan;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.runtime.HostPort;
import io.stork.runtime.data.ChunkBuffer;
import io.stork.runtime.data.ChunkFrames;
import io.stork.runtime.data.ChunkTransport;
import io.stork.runtime.data.DataClient;
import io.stork.runtime.data.DataServer;
import io.stork.runtime.data.DataSettings;
import io.stork.runtime.data.DataSockets;
import io.stork.storagenode.DirectReads;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node process's data channel: the server that takes chunks from clients and other nodes
 * and hands them to the storage node of the current incarnation, and the client it forwards and
 * copies with. Both outlive incarnations, so the node keeps one data address for its life. Reads
 * are served on the connection's own thread ({@link DirectReads}), with chaos's drops
 * and delays applied there as they are to the messages the node's actor gets.
 */
final class NodeDataChannel implements DataServer.Handler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeDataChannel.class);

  /** The incarnation chunks go to now: its transport and its storage node. */
  private record Incarnation(ChunkTransport transport, ActorRef<StorageNodeProtocol.Command> node) {}

  private final DataClient client;
  private final String nodeId;
  private final FaultPlan faults;
  private final AtomicReference<Incarnation> current = new AtomicReference<>();
  private final AtomicReference<DirectReads> reads = new AtomicReference<>();
  /** Set once, by {@link #open}, before any request can arrive. */
  private DataServer server;
  private String address;

  private NodeDataChannel(DataClient client, String nodeId, FaultPlan faults) {
    this.client = client;
    this.nodeId = nodeId;
    this.faults = faults;
  }

  static NodeDataChannel open(DataSockets sockets, HostPort listen, DataSettings settings, String nodeId, FaultPlan faults)
      throws IOException {
    NodeDataChannel channel = new NodeDataChannel(settings.client(sockets), nodeId, faults);
    try {
      channel.server = DataServer.start(sockets, listen, channel, settings.idleTimeout(), settings.maxConnections());
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

  /** From now on, chunks go to {@code node}. */
  void serve(ChunkTransport transport, ActorRef<StorageNodeProtocol.Command> node) {
    current.set(new Incarnation(transport, node));
  }

  /** From now on, reads are served by {@code nodeReads} (a storage node hands them over as it starts). */
  void readFrom(DirectReads nodeReads) {
    reads.set(nodeReads);
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
  public Optional<ChunkFrames.Answer> read(ChunkId chunkId, ChunkBuffer buffer) {
    DirectReads now = reads.get();
    if (now == null) {
      return Optional.of(ChunkFrames.Answer.refused(ErrorKind.UNAVAILABLE, "the storage node is starting"));
    }
    FaultPlan.Fault fault = faults.decide(nodeId, ThreadLocalRandom.current());
    if (fault.drop()) {
      log.debug("chaos: dropped a read of {} on {}", chunkId, nodeId);
      return Optional.empty();
    }
    if (!fault.delay().isZero()) {
      try {
        Thread.sleep(fault.delay().toMillis()); // this connection's own thread: only its reader waits
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of(ChunkFrames.Answer.refused(ErrorKind.UNAVAILABLE, "the storage node is stopping"));
      }
    }
    return Optional.of(now.read(chunkId, buffer));
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    client.close();
  }
}
