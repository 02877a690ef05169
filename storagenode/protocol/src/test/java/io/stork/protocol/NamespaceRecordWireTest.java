package io.stork.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Manifests and tombstones keep their kind and their journal sequence on the wire. */
class NamespaceRecordWireTest {
  static ActorTestKit testKit;
  static Serialization serialization;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("NamespaceRecordWireTest");
    serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aPageOfRecordsCrossesTheWireWhole() {
    ArtifactVersion version = new ArtifactVersion("زن‌ها", 3, 10, "ab".repeat(32), List.of(new ChunkRef(ChunkId.random(), 10, 7)), 1, List.of());
    StorageNodeProtocol.KeepRecords keep = new StorageNodeProtocol.KeepRecords(List.of(
        new NamespaceRecord.Manifest(version, 41), new NamespaceRecord.Tombstone("gone", 2, 42), new NamespaceRecord.Tombstone("old", 1)));
    Serializer serializer = serialization.findSerializerFor(keep);
    byte[] bytes = serialization.serialize(keep).get();
    assertEquals(keep, serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, keep)).get());
    assertEquals(0, new NamespaceRecord.Tombstone("old", 1).sequence(), "a record of before sequences: unknown");
  }
}
