package io.stork.bench;

import com.typesafe.config.ConfigFactory;
import io.stork.client.ClusterConnection;
import io.stork.runtime.HostPort;
import io.stork.runtime.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code clients} clients, each with its own connection, uploading {@code size / clients} bytes at once: the aggregate rate. */
final class ConcurrentClients {
  private ConcurrentClients() {}

  static Figure upload(HostPort nameNode, Transport transport, Path dir, long size, int clients, double writeLimitMiBs)
      throws Exception {
    long each = size / clients;
    Path source = ClusterBench.randomFile(dir.resolve("concurrent.bin"), each);
    List<ClusterConnection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        connections.add(ClusterConnection.open(nameNode, new HostPort("127.0.0.1", 0), transport, ConfigFactory.empty(),
            Duration.ofMinutes(1)));
      }
      long nanos = Threads.timed(clients, client -> connections.get(client).client().upload("concurrent-" + client, source));
      for (int i = 0; i < clients; i++) {
        connections.get(0).client().delete("concurrent-" + i);
      }
      double mibs = each * clients / (1024.0 * 1024.0) / (nanos / 1e9);
      return Figure.against("processes: upload from " + clients + " clients at once, " + (each >> 20) + " MiB each (R=3)", mibs,
          "MiB/s", "fsynced disk write / R", writeLimitMiBs / 3);
    } finally {
      for (ClusterConnection connection : connections) {
        connection.close();
      }
      Files.deleteIfExists(source);
    }
  }
}
