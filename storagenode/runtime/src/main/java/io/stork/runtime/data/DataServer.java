package io.stork.runtime.data;

import io.stork.protocol.ChunkId;
import io.stork.runtime.HostPort;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of the data channel, in a storage node's process: accepts connections (with
 * the cluster's certificate only, over TLS), reads requests one after another, hands each to its
 * {@link Handler} and writes the answers to reads. A connection that sends a malformed frame, or
 * nothing for {@code idleTimeout}, is closed; beyond {@code maxConnections} new ones are refused.
 */
public final class DataServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DataServer.class);
  private static final int BUFFER = 64 << 10;

  /** What the server does with requests: the storage node behind it. */
  public interface Handler {
    /** Takes a chunk to store (and forward); answers go to its reply-to, not over this connection. */
    void store(ChunkFrames.Store store);

    /**
     * Serves a read on the connection's own thread, the bytes into {@code buffer} (the connection's,
     * reused for each read on it, so valid only until the next): the answer, or none to send (the
     * request was lost, as chaos makes it; the reader times out and closes the connection).
     */
    Optional<ChunkFrames.Answer> read(ChunkId chunkId, ChunkBuffer buffer);
  }

  private final ServerSocket server;
  private final Handler handler;
  private final int idleMillis;
  private final Semaphore slots;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private DataServer(ServerSocket server, Handler handler, Duration idleTimeout, int maxConnections) {
    this.server = server;
    this.handler = handler;
    this.idleMillis = (int) idleTimeout.toMillis();
    this.slots = new Semaphore(maxConnections);
  }

  public static DataServer start(DataSockets sockets, HostPort address, Handler handler, Duration idleTimeout,
                                 int maxConnections) throws IOException {
    DataServer started = new DataServer(sockets.listen(address), handler, idleTimeout, maxConnections);
    Thread acceptor = new Thread(started::accept, "stork-data-server");
    acceptor.setDaemon(true);
    acceptor.start();
    return started;
  }

  /** Where it listens, as peers reach it. */
  public HostPort address(String host) {
    return new HostPort(host, server.getLocalPort());
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        if (!slots.tryAcquire()) {
          log.warn("refused a data connection from {}: too many open", socket.getRemoteSocketAddress());
          socket.close();
          continue;
        }
        Thread connection = new Thread(() -> serve(socket), "stork-data-" + socket.getRemoteSocketAddress());
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.warn("data channel accept failed: {}", e.getMessage());
        }
      }
    }
  }

  private void serve(Socket socket) {
    open.add(socket);
    try (socket) {
      if (server.isClosed()) {
        return; // accepted just before close(), which closed only the connections registered then
      }
      socket.setSoTimeout(idleMillis);
      socket.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER));
      ChunkBuffer buffer = new ChunkBuffer();
      ChunkFrames.Request request;
      while ((request = ChunkFrames.readRequest(in)) != null) {
        if (request instanceof ChunkFrames.Store store) {
          handler.store(store);
        } else if (request instanceof ChunkFrames.Read read) {
          Optional<ChunkFrames.Answer> answer = handler.read(read.chunkId(), buffer);
          if (answer.isPresent()) {
            ChunkFrames.writeAnswer(out, answer.get());
          }
        } else {
          socket.setSoTimeout(0); // a watch stays open, quiet, until this process or the watcher ends
          ChunkFrames.writeWatching(out);
        }
      }
    } catch (ChunkFrames.ProtocolException | IllegalArgumentException e) {
      log.warn("closed a data connection from {}: {}", socket.getRemoteSocketAddress(), e.getMessage());
    } catch (SocketException e) {
      // the peer went away, or this server is closing
    } catch (IOException e) {
      log.debug("data connection from {} ended: {}", socket.getRemoteSocketAddress(), e.getMessage());
    } finally {
      open.remove(socket);
      slots.release();
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing: nothing left to do
    }
    open.forEach(socket -> {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing: nothing left to do
      }
    });
  }
}
