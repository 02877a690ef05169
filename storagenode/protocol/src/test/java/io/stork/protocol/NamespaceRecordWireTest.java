package io.stork.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Manifests and tombstones keep their kind and their journal sequence on the wire; one without a sequence reads as 0 (unknown). */
class NamespaceRecordWireTest {
  static Wire wire;

  @BeforeAll
  static void start() {
    wire = new Wire("NamespaceRecordWireTest");
  }

  @AfterAll
  static void stop() {
    wire.close();
  }

  @Test
  void aPageOfRecordsCrossesTheWireWhole() {
    ArtifactVersion version = new ArtifactVersion("زن‌ها", 3, 10, "ab".repeat(32), List.of(new ChunkRef(ChunkId.random(), 10, 7)), 1, List.of());
    StorageNodeProtocol.KeepRecords keep = new StorageNodeProtocol.KeepRecords(List.of(
        new NamespaceRecord.Manifest(version, 41), new NamespaceRecord.Tombstone("gone", 2, 42), new NamespaceRecord.Tombstone("old", 1, 0)));
    assertEquals(keep, wire.roundTrip(keep));
  }

  @Test
  void aRecordFromBeforeSequencesReadsAsOfAnUnknownSequence() throws Exception {
    NamespaceRecord.Tombstone tombstone = new NamespaceRecord.Tombstone("old", 1, 42);
    Map<String, Object> fields = wire.fields(tombstone);
    fields.remove("sequence"); // as a node or name node of before sequences wrote it
    assertEquals(new NamespaceRecord.Tombstone("old", 1, 0), wire.read(Wire.forge(fields), tombstone).get());
  }
}
