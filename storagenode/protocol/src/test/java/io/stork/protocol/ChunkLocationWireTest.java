package io.stork.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A chunk location keeps its unreachable replicas on the wire, and one from a name node that sends none reads as none. */
class ChunkLocationWireTest {
  static Wire wire;

  @BeforeAll
  static void start() {
    wire = new Wire("ChunkLocationWireTest");
  }

  @AfterAll
  static void stop() {
    wire.close();
  }

  @Test
  void unreachableReplicasSurviveTheWireAndAnOlderPeersLocationHasNone() throws Exception {
    NodeRef live = new NodeRef("sn-1", wire.testKit.<StorageNodeProtocol.Command>createTestProbe().getRef(), "");
    NodeRef cutOff = new NodeRef("sn-2", wire.testKit.<StorageNodeProtocol.Command>createTestProbe().getRef(), "");
    NameNodeProtocol.ChunkLocation location = new NameNodeProtocol.ChunkLocation(ChunkId.random(), List.of(live), List.of(cutOff));
    assertEquals(location, wire.roundTrip(location));

    Map<String, Object> fields = wire.fields(location);
    fields.remove("unreachable");
    Object older = wire.read(Wire.forge(fields), location).get();
    assertEquals(new NameNodeProtocol.ChunkLocation(location.chunkId(), List.of(live)), older);
    assertEquals(List.of(), ((NameNodeProtocol.ChunkLocation) older).unreachable());
  }
}
