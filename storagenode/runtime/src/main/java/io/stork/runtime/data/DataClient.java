package io.stork.runtime.data;

import io.stork.protocol.ChunkId;
import io.stork.runtime.HostPort;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The sending side of the data channel: stores and reads of chunks on other processes, each over a
 * pooled connection of its own, on threads of its own (blocking socket I/O never runs on an
 * actor's thread). A connection that fails, or takes longer than its deadline, is closed and
 * forgotten; a caller learns of it at once instead of waiting for a timeout of its own.
 */
public final class DataClient implements AutoCloseable {
  private static final int IDLE_PER_ADDRESS = 8;
  private static final int BUFFER = 64 << 10;

  private final DataSockets sockets;
  private final int connectTimeoutMillis;
  private final long ioTimeoutMillis;
  private final Map<HostPort, ArrayDeque<Connection>> idle = new ConcurrentHashMap<>();
  private final ExecutorService io;
  private final ScheduledExecutorService deadlines;

  private record Connection(Socket socket, DataInputStream in, DataOutputStream out) {
    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken connection: nothing left to do
      }
    }
  }

  public DataClient(DataSockets sockets, Duration connectTimeout, Duration ioTimeout) {
    this.sockets = sockets;
    this.connectTimeoutMillis = (int) connectTimeout.toMillis();
    this.ioTimeoutMillis = ioTimeout.toMillis();
    AtomicInteger threads = new AtomicInteger();
    this.io = Executors.newCachedThreadPool(task -> daemon(task, "stork-data-" + threads.incrementAndGet()));
    this.deadlines = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "stork-data-deadlines"));
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Sends a store to {@code address}; {@code failed} hears, on a data thread, if it could not be delivered. */
  public void store(HostPort address, ChunkFrames.Store store, Consumer<IOException> failed) {
    io.execute(() -> {
      try {
        exchange(address, connection -> {
          ChunkFrames.writeStore(connection.out(), store);
          return null;
        });
      } catch (IOException e) {
        failed.accept(e);
      }
    });
  }

  /** Reads a chunk from {@code address}: the answer, or a failure with the IOException (a timeout is a SocketTimeoutException). */
  public CompletableFuture<ChunkFrames.Answer> read(HostPort address, ChunkId chunkId, Duration timeout) {
    CompletableFuture<ChunkFrames.Answer> answer = new CompletableFuture<>();
    io.execute(() -> {
      try {
        answer.complete(exchange(address, connection -> {
          connection.socket().setSoTimeout((int) Math.max(1, timeout.toMillis()));
          ChunkFrames.writeRead(connection.out(), chunkId);
          ChunkFrames.Answer read = ChunkFrames.readAnswer(connection.in());
          connection.socket().setSoTimeout(0);
          return read;
        }));
      } catch (IOException e) {
        answer.completeExceptionally(e);
      }
    });
    return answer;
  }

  private interface Exchange<T> {
    T run(Connection connection) throws IOException;
  }

  /**
   * One request over a pooled connection, closed (not pooled) when it fails or overruns its
   * deadline. A pooled connection may have been closed by its server meanwhile (idle too long): a
   * request that fails on one is tried once more on a new connection (stores and reads may repeat).
   */
  private <T> T exchange(HostPort address, Exchange<T> exchange) throws IOException {
    Connection pooled = pooled(address);
    if (pooled != null) {
      try {
        return exchange(address, pooled, exchange);
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException stale) {
        // tried once more below, on a new connection
      }
    }
    return exchange(address, connect(address), exchange);
  }

  private <T> T exchange(HostPort address, Connection connection, Exchange<T> exchange) throws IOException {
    AtomicBoolean overran = new AtomicBoolean();
    ScheduledFuture<?> deadline = deadlines.schedule(() -> {
      overran.set(true);
      connection.close(); // unblocks a write to a peer that stopped reading
    }, ioTimeoutMillis, TimeUnit.MILLISECONDS);
    try {
      T result = exchange.run(connection);
      if (deadline.cancel(false)) {
        giveBack(address, connection);
      }
      return result;
    } catch (IOException | RuntimeException e) {
      deadline.cancel(false);
      connection.close();
      if (overran.get()) {
        throw new SocketTimeoutException("no progress within " + ioTimeoutMillis + " ms");
      }
      throw e instanceof IOException failure ? failure : new IOException(e.getMessage(), e);
    }
  }

  private Connection pooled(HostPort address) {
    ArrayDeque<Connection> pool = idle.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (pool) {
      return pool.poll();
    }
  }

  private Connection connect(HostPort address) throws IOException {
    Socket socket = sockets.connect(address, connectTimeoutMillis);
    return new Connection(socket, new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER)),
        new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER)));
  }

  private void giveBack(HostPort address, Connection connection) {
    ArrayDeque<Connection> pool = idle.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (pool) {
      if (pool.size() < IDLE_PER_ADDRESS) {
        pool.push(connection);
        return;
      }
    }
    connection.close();
  }

  @Override
  public void close() {
    io.shutdownNow();
    deadlines.shutdownNow();
    idle.values().forEach(pool -> {
      synchronized (pool) {
        pool.forEach(Connection::close);
        pool.clear();
      }
    });
  }
}
