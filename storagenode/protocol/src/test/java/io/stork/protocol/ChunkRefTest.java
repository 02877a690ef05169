package io.stork.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A chunk ref reaches clients (in versions) as Pekko's Jackson CBOR, its id as the 32-hex text. */
class ChunkRefTest {
  static final String HEX = "0123456789abcdef0123456789abcdef";
  static Wire wire;

  @BeforeAll
  static void start() {
    wire = new Wire("ChunkRefTest");
  }

  @AfterAll
  static void stop() {
    wire.close();
  }

  @Test
  void crossesTheWireWithItsIdAsText() throws Exception {
    ChunkRef chunk = new ChunkRef(ChunkId.parse(HEX), 5, 77);
    byte[] bytes = wire.write(chunk);
    JsonNode tree = Wire.CBOR.readTree(bytes);
    assertEquals(HEX, tree.get("id").textValue());
    assertEquals(chunk, wire.read(bytes, chunk).get());

    ArtifactVersion version = new ArtifactVersion("a", 1, 5, "ab".repeat(32), List.of(chunk), 0, List.of());
    NameNodeProtocol.Located located = new NameNodeProtocol.Located(version, List.of(), 3);
    assertEquals(located, wire.roundTrip(located));
  }

  @Test
  void aMalformedIdFromAPeerIsRefused() throws Exception {
    ChunkRef chunk = new ChunkRef(ChunkId.parse(HEX), 5, 77);
    for (Object id : List.of("../" + HEX.substring(3), HEX.toUpperCase(), HEX.substring(1), Map.of("high", 1, "low", 2))) {
      byte[] forged = Wire.forge(Map.of("id", id, "size", 5, "crc32c", 77));
      assertTrue(wire.read(forged, chunk).isFailure(), id.toString());
    }
  }
}
