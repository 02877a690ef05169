package io.stork.runtime.data;

import io.stork.runtime.HostPort;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;

/**
 * One open data channel connection to a storage node's process, kept to learn at once when that
 * process is gone: its kernel closes the connection when it dies, and a new connection is then
 * refused because nothing listens on its port (Ceph's {@code osd_fast_fail_on_connection_refused}
 * rests on the same fact). Only a refusal is proof: a timeout, a failed handshake or a busy server
 * prove nothing, and are left to the failure detector, as is a host that dies whole (no kernel
 * left to refuse). Runs on a daemon thread of its own, which is blocked in a read nearly always.
 */
public final class DataWatch implements AutoCloseable {
  /** Hears, on the watch's thread, that the process is gone and that it is back. */
  public interface Listener {
    void gone(String why);

    void back();
  }

  private final DataSockets sockets;
  private final HostPort address;
  private final int connectTimeoutMillis;
  private final long retryMillis;
  private final Listener listener;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Socket open;

  private DataWatch(DataSockets sockets, HostPort address, Duration connectTimeout, Duration retry, Listener listener) {
    this.sockets = sockets;
    this.address = address;
    this.connectTimeoutMillis = (int) connectTimeout.toMillis();
    this.retryMillis = retry.toMillis();
    this.listener = listener;
    this.thread = new Thread(this::run, "stork-data-watch-" + address);
    thread.setDaemon(true);
  }

  /** Starts watching the process whose data channel listens at {@code address}. */
  public static DataWatch start(DataSockets sockets, HostPort address, Duration connectTimeout, Duration retry, Listener listener) {
    DataWatch watch = new DataWatch(sockets, address, connectTimeout, retry, listener);
    watch.thread.start();
    return watch;
  }

  private void run() {
    boolean gone = false;
    while (!closed) {
      long since = System.nanoTime();
      try (Socket socket = sockets.connect(address, connectTimeoutMillis)) {
        open = socket;
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        socket.setSoTimeout(connectTimeoutMillis);
        ChunkFrames.writeWatch(out);
        ChunkFrames.readWatching(in);
        socket.setSoTimeout(0);
        if (gone) {
          gone = false;
          listener.back();
        }
        while (in.read() >= 0) {
          // the server sends nothing more: the end of the connection is what is awaited
        }
        if (System.nanoTime() - since > retryMillis * 1_000_000) {
          continue; // it ended: a new connection, at once, tells whether the process is still there
        }
      } catch (ConnectException refused) {
        if (!gone && !closed) {
          gone = true;
          listener.gone("its data channel at " + address + " refuses connections (" + refused.getMessage() + ")");
        }
      } catch (IOException | RuntimeException unproven) {
        // a timeout, a handshake, a busy server: the failure detector decides those (the watch goes on)
      } finally {
        open = null;
      }
      pause();
    }
  }

  private void pause() {
    try {
      Thread.sleep(retryMillis);
    } catch (InterruptedException e) {
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    Socket socket = open;
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing: nothing left to do
      }
    }
  }
}
