package io.stork.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariant 5 at the wire: a peer's message whose chunk id, lease or error kind is not one never
 * becomes a message at all. Each message is forged as a peer could send it, as Pekko's own CBOR
 * with one field replaced, and must fail to deserialize (Pekko then drops it and logs it).
 */
class WireFormatTest {
  static final List<Object> NOT_IDS = List.of("../../etc/passwd", "/etc/passwd", "", "0123456789ABCDEF0123456789ABCDEF",
      "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0", Map.of("high", 1, "low", 2), 7);
  static Wire wire;

  @BeforeAll
  static void start() {
    wire = new Wire("WireFormatTest");
  }

  @AfterAll
  static void stop() {
    wire.close();
  }

  /** The message survives the wire; with {@code field} replaced by any of {@code forgeries}, it does not. */
  private static void refusesForged(Object message, String field, List<Object> forgeries) throws Exception {
    byte[] bytes = wire.write(message);
    assertArrayEquals(bytes, wire.write(wire.read(bytes, message).get()), "the message survives the wire");
    Map<String, Object> fields = wire.fields(message);
    assertTrue(fields.containsKey(field), fields.keySet().toString());
    for (Object forged : forgeries) {
      fields.put(field, forged);
      assertTrue(wire.read(Wire.forge(fields), message).isFailure(), message.getClass().getSimpleName() + " with " + field + " = "
          + forged);
    }
  }

  @Test
  void everyChunkIdAPeerSendsIsAChunkId() throws Exception {
    ChunkId id = ChunkId.random();
    refusesForged(new StorageNodeProtocol.ReadChunk(id, null), "chunkId", NOT_IDS);
    refusesForged(new StorageNodeProtocol.StoreChunk(id, new byte[3], 0, List.of(), null), "chunkId", NOT_IDS);
    refusesForged(new StorageNodeProtocol.CopyChunk(id, null, null), "chunkId", NOT_IDS);
    refusesForged(new StorageNodeProtocol.ReplicaDamaged("sn-1", id), "chunkId", NOT_IDS);
    refusesForged(new StorageNodeProtocol.ChunkStored(id, "sn-1"), "chunkId", NOT_IDS);
    refusesForged(new NameNodeProtocol.ReportBadReplica(id, "sn-1"), "chunkId", NOT_IDS);
    refusesForged(new StorageNodeProtocol.DeleteChunks(List.of(id)), "chunkIds", NOT_IDS.stream().map(bad -> (Object) List.of(bad)).toList());
  }

  @Test
  void aLeaseIsALeaseAndAnErrorKindIsOneOfTheKinds() throws Exception {
    refusesForged(new NameNodeProtocol.RenewLease(LeaseId.random(), null), "lease", NOT_IDS);
    refusesForged(new Refused(ErrorKind.NOT_FOUND, "gone"), "kind", List.of("NOT_A_KIND", 99, -1, Map.of()));
  }
}
