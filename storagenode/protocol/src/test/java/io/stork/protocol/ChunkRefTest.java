package io.stork.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
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

/** A chunk ref reaches clients (in versions) as Pekko's Jackson CBOR, its id as the 32-hex text. */
class ChunkRefTest {
  static final String HEX = "0123456789abcdef0123456789abcdef";
  static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
  static ActorTestKit testKit;
  static Serialization serialization;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("ChunkRefTest");
    serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void crossesTheWireWithItsIdAsText() throws Exception {
    ChunkRef chunk = new ChunkRef(ChunkId.parse(HEX), 5, 77);
    byte[] bytes = serialization.serialize(chunk).get();
    JsonNode tree = CBOR.readTree(bytes);
    assertEquals(HEX, tree.get("id").textValue());
    assertEquals(chunk, serialization.deserialize(bytes, ChunkRef.class).get());

    ArtifactVersion version = new ArtifactVersion("a", 1, 5, "ab".repeat(32), List.of(chunk), 0, List.of());
    NameNodeProtocol.Located located = new NameNodeProtocol.Located(version, List.of(), 3);
    assertEquals(located, serialization.deserialize(serialization.serialize(located).get(), NameNodeProtocol.Located.class).get());
  }

  @Test
  void aMalformedIdFromAPeerIsRefused() throws Exception {
    ChunkRef chunk = new ChunkRef(ChunkId.parse(HEX), 5, 77);
    Serializer serializer = serialization.findSerializerFor(chunk);
    String manifest = Serializers.manifestFor(serializer, chunk);
    for (Object id : List.of("../" + HEX.substring(3), HEX.toUpperCase(), HEX.substring(1), Map.of("high", 1, "low", 2))) {
      byte[] forged = CBOR.writeValueAsBytes(Map.of("id", id, "size", 5, "crc32c", 77));
      assertTrue(serialization.deserialize(forged, serializer.identifier(), manifest).isFailure(), id.toString());
    }
  }
}
