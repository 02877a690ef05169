package io.stork.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** A chunk location keeps its unreachable replicas on the wire, and one from a name node that sends none reads as none. */
class ChunkLocationWireTest {
  static ActorTestKit testKit;
  static Serialization serialization;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("ChunkLocationWireTest");
    serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void unreachableReplicasSurviveTheWireAndAnOlderPeersLocationHasNone() throws Exception {
    NodeRef live = new NodeRef("sn-1", testKit.<StorageNodeProtocol.Command>createTestProbe().getRef(), "");
    NodeRef cutOff = new NodeRef("sn-2", testKit.<StorageNodeProtocol.Command>createTestProbe().getRef(), "");
    NameNodeProtocol.ChunkLocation location = new NameNodeProtocol.ChunkLocation(ChunkId.random(), List.of(live), List.of(cutOff));
    Serializer serializer = serialization.findSerializerFor(location);
    String manifest = Serializers.manifestFor(serializer, location);
    byte[] bytes = serialization.serialize(location).get();
    assertEquals(location, serialization.deserialize(bytes, serializer.identifier(), manifest).get());

    ObjectMapper cbor = new ObjectMapper(new CBORFactory());
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = cbor.readValue(bytes, HashMap.class);
    fields.remove("unreachable");
    Object older = serialization.deserialize(cbor.writeValueAsBytes(fields), serializer.identifier(), manifest).get();
    assertEquals(new NameNodeProtocol.ChunkLocation(location.chunkId(), List.of(live)), older);
    assertEquals(List.of(), ((NameNodeProtocol.ChunkLocation) older).unreachable());
  }
}
