package io.stork.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.runtime.data.DataServer;
import io.stork.runtime.data.DataSockets;
import io.stork.runtime.data.DataWatch;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch on a real data server over loopback: the server's end is told once, as soon as its port
 * refuses connections, and its return when it listens again; a server that is only slow or busy
 * is never called gone; over TLS as over plain TCP.
 */
class DataWatchTest {
  private static final Duration RETRY = Duration.ofMillis(100);

  /** What a watch said, in order. */
  private static final class Heard implements DataWatch.Listener {
    final Queue<String> said = new ConcurrentLinkedQueue<>();

    @Override
    public void gone(String why) {
      said.add("gone: " + why);
    }

    @Override
    public void back() {
      said.add("back");
    }

    List<String> all() {
      return List.copyOf(said);
    }
  }

  private static DataServer serve(DataSockets sockets, int port) throws Exception {
    return DataServer.start(sockets, new HostPort("127.0.0.1", port), new DataChannelTest.Memory(false), Duration.ofMillis(200), 16);
  }

  private static void goneAndBack(DataSockets sockets) throws Exception {
    Heard heard = new Heard();
    DataServer server = serve(sockets, 0);
    HostPort address = server.address("127.0.0.1");
    try (DataWatch watch = DataWatch.start(sockets, address, Duration.ofSeconds(2), RETRY, heard)) {
      // Quiet for longer than the server's idle timeout: a watch is not an idle connection.
      await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> heard.said.isEmpty());
      server.close();
      await().atMost(Duration.ofSeconds(20)).until(() -> !heard.said.isEmpty());
      // Told once, however many refusals follow.
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> heard.said.size() == 1);
      assertTrue(heard.all().get(0).startsWith("gone: its data channel at " + address + " refuses connections"), heard.all().get(0));
      try (DataServer again = serve(sockets, address.port())) {
        await().atMost(Duration.ofSeconds(20)).until(() -> heard.said.size() == 2);
        assertEquals("back", heard.all().get(1));
      }
    }
  }

  @Test
  void aServerThatEndsIsGoneOnceAndBackWhenItListensAgain() throws Exception {
    goneAndBack(DataSockets.plain());
  }

  @Test
  void overTlsAsOverPlainTcp(@TempDir Path dir) throws Exception {
    List<Path> keys = StorkKeysScript.make(Map.of(), dir.resolve("cluster"));
    goneAndBack(DataSockets.tls(ClusterKeys.load(keys.get(0), null).sslContext()));
  }

  @Test
  void aServerThatAcceptsButNeverAnswersIsNotGone() throws Exception {
    Heard heard = new Heard();
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
         DataWatch watch = DataWatch.start(DataSockets.plain(), new HostPort("127.0.0.1", busy.getLocalPort()),
             Duration.ofMillis(200), RETRY, heard)) {
      Socket accepted = busy.accept(); // and never answers the watch: a process that is there but slow
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> heard.said.isEmpty());
      accepted.close(); // closing on the watch proves nothing either: the port still listens
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> heard.said.isEmpty());
    }
  }
}
