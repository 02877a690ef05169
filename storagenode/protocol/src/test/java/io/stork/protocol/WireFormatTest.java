package io.stork.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariant 5 at the wire: a peer's message whose chunk id, lease or error kind is not one never
 * becomes a message at all. Each message is forged as a peer could send it, as Pekko's own CBOR
 * with one field replaced, and must fail to deserialize (Pekko then drops it and logs it).
 */
class WireFormatTest {
  static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
  static final List<Object> NOT_IDS = List.of("../../etc/passwd", "/etc/passwd", "", "0123456789ABCDEF0123456789ABCDEF",
      "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0", Map.of("high", 1, "low", 2), 7);
  static ActorTestKit testKit;
  static Serialization serialization;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("WireFormatTest");
    serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** The message survives the wire; with {@code field} replaced by any of {@code forgeries}, it does not. */
  private static void refusesForged(Object message, String field, List<Object> forgeries) throws Exception {
    Serializer serializer = serialization.findSerializerFor(message);
    String manifest = Serializers.manifestFor(serializer, message);
    byte[] bytes = serialization.serialize(message).get();
    Object back = serialization.deserialize(bytes, serializer.identifier(), manifest).get();
    assertArrayEquals(bytes, serialization.serialize(back).get(), "the message survives the wire");
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = CBOR.readValue(bytes, HashMap.class);
    assertTrue(fields.containsKey(field), fields.keySet().toString());
    for (Object forged : forgeries) {
      fields.put(field, forged);
      byte[] bad = CBOR.writeValueAsBytes(fields);
      assertTrue(serialization.deserialize(bad, serializer.identifier(), manifest).isFailure(), message.getClass().getSimpleName()
          + " with " + field + " = " + forged);
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
