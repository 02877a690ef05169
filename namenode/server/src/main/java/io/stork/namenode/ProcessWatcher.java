package io.stork.namenode;

import io.stork.runtime.HostPort;
import io.stork.runtime.data.DataSockets;
import io.stork.runtime.data.DataWatch;
import java.time.Duration;

/**
 * How the name node learns at once that a storage node's process is gone, before the failure
 * detector misses enough heartbeats to say so: nothing in one JVM (a stopped node's actor is seen
 * terminated at once), a {@link DataWatch} on each node's data channel across processes.
 */
public interface ProcessWatcher {
  ProcessWatcher NONE = (address, listener) -> () -> { };

  /** A connection refused this soon after the last one is tried again. */
  Duration RETRY = Duration.ofMillis(500);

  /** Watches the process whose data channel is at {@code address} until the returned handle is closed. */
  AutoCloseable watch(HostPort address, DataWatch.Listener listener);

  static ProcessWatcher over(DataSockets sockets, Duration connectTimeout) {
    return (address, listener) -> DataWatch.start(sockets, address, connectTimeout, RETRY, listener);
  }
}
