package io.stork.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.runtime.data.ChunkBuffer;
import io.stork.runtime.data.ChunkFrames;
import io.stork.runtime.data.DataClient;
import io.stork.runtime.data.DataServer;
import io.stork.runtime.data.DataSockets;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data channel between real sockets on loopback: stores and reads arrive, a peer that is gone
 * or silent is known at once or at the deadline, a peer that sends garbage is cut off without
 * harm to others, and over TLS only holders of the cluster's keys get through.
 */
class DataChannelTest {
  static final Duration SECOND = Duration.ofSeconds(1);

  /** A handler that keeps what it is told to store and answers reads from it, or never when {@code silent}. */
  static final class Memory implements DataServer.Handler {
    final Queue<ChunkFrames.Store> stored = new ConcurrentLinkedQueue<>();
    final boolean silent;

    Memory(boolean silent) {
      this.silent = silent;
    }

    @Override
    public void store(ChunkFrames.Store store) {
      stored.add(store);
    }

    @Override
    public Optional<ChunkFrames.Answer> read(ChunkId chunkId, ChunkBuffer buffer) {
      if (silent) {
        return Optional.empty();
      }
      return Optional.of(stored.stream().filter(s -> s.chunkId().equals(chunkId)).findFirst()
          .map(s -> {
            System.arraycopy(s.data(), 0, buffer.fill(s.data().length), 0, s.data().length);
            return ChunkFrames.Answer.chunk(buffer);
          })
          .orElse(ChunkFrames.Answer.refused(ErrorKind.NOT_FOUND, "chunk " + chunkId + " is not on this node")));
    }
  }

  private static DataServer serve(DataSockets sockets, DataServer.Handler handler) throws IOException {
    return DataServer.start(sockets, new HostPort("127.0.0.1", 0), handler, Duration.ofMinutes(1), 16);
  }

  private static ChunkFrames.Store store(ChunkId id, byte[] data) {
    return new ChunkFrames.Store(id, 0, "pekko://stork@127.0.0.1:1/temp/x", List.of(), data);
  }

  @Test
  void storesArriveAndReadsAreAnsweredOverPooledConnections() throws Exception {
    Memory memory = new Memory(false);
    try (DataServer server = serve(DataSockets.plain(), memory);
         DataClient client = new DataClient(DataSockets.plain(), SECOND, Duration.ofSeconds(10))) {
      HostPort address = server.address("127.0.0.1");
      byte[] big = new byte[2 << 20];
      big[12345] = 9;
      ChunkId id = ChunkId.random();
      for (int i = 0; i < 20; i++) {
        client.store(address, store(i == 0 ? id : ChunkId.random(), big), failure -> { });
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> memory.stored.size() == 20);
      assertArrayEquals(big, client.read(address, id, SECOND).get(10, TimeUnit.SECONDS).data());
      assertEquals(ErrorKind.NOT_FOUND, client.read(address, ChunkId.random(), SECOND).get(10, TimeUnit.SECONDS).refusal());
    }
  }

  @Test
  void aPeerThatIsGoneIsKnownAtOnceAndOneThatIsSilentAtItsDeadline() throws Exception {
    int closed;
    try (DataServer gone = serve(DataSockets.plain(), new Memory(false))) {
      closed = gone.address("127.0.0.1").port();
    }
    try (DataServer silent = serve(DataSockets.plain(), new Memory(true));
         DataClient client = new DataClient(DataSockets.plain(), SECOND, Duration.ofSeconds(10))) {
      CompletableFuture<IOException> refused = new CompletableFuture<>();
      client.store(new HostPort("127.0.0.1", closed), store(ChunkId.random(), new byte[10]), refused::complete);
      IOException failure = refused.get(5, TimeUnit.SECONDS);
      assertTrue(failure.getMessage().contains("refused"), failure.getMessage());
      assertFalse(failure instanceof SocketTimeoutException, "a refused connection is no timeout");

      ExecutionException timedOut = assertThrows(ExecutionException.class,
          () -> client.read(silent.address("127.0.0.1"), ChunkId.random(), Duration.ofMillis(300)).get(10, TimeUnit.SECONDS));
      assertInstanceOf(SocketTimeoutException.class, timedOut.getCause());
    }
  }

  @Test
  void aPeerSendingGarbageIsCutOffAndOthersAreServed() throws Exception {
    Memory memory = new Memory(false);
    try (DataServer server = serve(DataSockets.plain(), memory);
         DataClient client = new DataClient(DataSockets.plain(), SECOND, Duration.ofSeconds(10))) {
      HostPort address = server.address("127.0.0.1");
      try (Socket stranger = new Socket(address.host(), address.port())) {
        OutputStream out = stranger.getOutputStream();
        out.write("GET / HTTP/1.0\r\n\r\n".getBytes());
        out.flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> stranger.getInputStream().read() == -1); // closed on it
      }
      ChunkId id = ChunkId.random();
      client.store(address, store(id, new byte[] {1}), failure -> { });
      await().atMost(Duration.ofSeconds(5)).until(() -> memory.stored.size() == 1);
    }
  }

  @Test
  void overTlsOnlyTheClustersKeysGetThrough(@TempDir Path dir) throws Exception {
    List<Path> keys = StorkKeysScript.make(Map.of(), dir.resolve("cluster"), dir.resolve("strangers"));
    DataSockets cluster = DataSockets.tls(ClusterKeys.load(keys.get(0), null).sslContext());
    DataSockets strangers = DataSockets.tls(ClusterKeys.load(keys.get(1), null).sslContext());
    Memory memory = new Memory(false);
    try (DataServer server = serve(cluster, memory);
         DataClient member = new DataClient(cluster, SECOND, Duration.ofSeconds(10));
         DataClient stranger = new DataClient(strangers, SECOND, Duration.ofSeconds(10))) {
      HostPort address = server.address("127.0.0.1");
      CompletableFuture<IOException> refused = new CompletableFuture<>();
      stranger.store(address, store(ChunkId.random(), new byte[] {6}), refused::complete);
      refused.get(10, TimeUnit.SECONDS);
      assertThrows(ExecutionException.class, () -> stranger.read(address, ChunkId.random(), SECOND).get(10, TimeUnit.SECONDS));

      ChunkId id = ChunkId.random();
      member.store(address, store(id, new byte[] {7}), failure -> { });
      await().atMost(Duration.ofSeconds(10)).until(() -> memory.stored.size() == 1); // a store is not acked to the sender here
      assertArrayEquals(new byte[] {7}, member.read(address, id, SECOND).get(10, TimeUnit.SECONDS).data());
      assertEquals(1, memory.stored.size(), "nothing of the stranger's arrived");
    }
  }
}
