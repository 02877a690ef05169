package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NamespaceRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeModeTest {
  private static final String SHA = "0".repeat(64);

  static ArtifactVersion version(String name, long version) {
    return new ArtifactVersion(name, version, 10, SHA, List.of(new ChunkRef(new ChunkId(version, name.hashCode()), 10, 0)), 0, List.of());
  }

  static SafeMode mode(List<ArtifactVersion> committed, Map<String, Long> deleted) {
    return new SafeMode(new KnownNamespace(committed, deleted, 10, false));
  }

  @Test
  void aNewNameJournaledPastTheMetadatasSequenceProvesAJournalCutShort() {
    SafeMode mode = mode(List.of(version("a", 1)), Map.of());
    mode.recordSeen(new NamespaceRecord.Manifest(version("new", 1), 10)); // journaled within what the metadata has: deleted and forgotten?
    assertNull(mode.decide(true, 1, 1));
    SafeMode cut = mode(List.of(version("a", 1)), Map.of());
    cut.recordSeen(new NamespaceRecord.Manifest(version("new", 1), 11));
    String reason = cut.decide(true, 1, 1);
    assertNotNull(reason, "the metadata reaches sequence 10, the node heard of 11");
    assertTrue(reason.contains("'new' version 1"), reason);
  }

  @Test
  void waitsForEveryNodeThenGoesOffWhenNothingContradictsTheNamespace() {
    SafeMode mode = mode(List.of(version("a", 2)), Map.of());
    assertEquals(SafeMode.State.WAITING, mode.state());
    assertNotNull(mode.decide(false, 1, 0), "on while nodes have not reported");
    mode.recordSeen(new NamespaceRecord.Manifest(version("a", 2), 0));
    mode.recordSeen(new NamespaceRecord.Manifest(version("a", 1), 0));
    assertNull(mode.decide(true, 1, 3), "a few unknown chunks (abandoned uploads) do not hold it");
    assertFalse(mode.isOn());
  }

  @Test
  void aRecordNewerThanTheNamespaceHoldsItUntilTheVersionIsRestored() {
    SafeMode mode = mode(List.of(version("a", 2), version("b", 1)), Map.of());
    mode.recordSeen(new NamespaceRecord.Manifest(version("a", 3), 0));
    String reason = mode.decide(true, 2, 1);
    assertNotNull(reason);
    assertTrue(reason.contains("'a' version 3"), reason);
    assertEquals(SafeMode.State.HELD, mode.state());
    assertEquals(List.of(new NamespaceRecord.Manifest(version("a", 3), 0)), mode.ahead());

    mode.committed("a", 3); // recover journaled it
    assertNull(mode.decide(true, 2, 0));
    assertTrue(mode.ahead().isEmpty());
  }

  @Test
  void aTombstoneOfAVersionTheNamespaceStillHasHoldsIt() {
    SafeMode mode = mode(List.of(version("a", 2)), Map.of());
    mode.recordSeen(new NamespaceRecord.Tombstone("a", 2, 0));
    assertNotNull(mode.decide(true, 1, 0));
    mode.deleted("a", 2);
    assertNull(mode.decide(true, 0, 0));
  }

  @Test
  void anEmptyNamespaceBesideManifestsHoldsIt() {
    SafeMode mode = mode(List.of(), Map.of());
    mode.recordSeen(new NamespaceRecord.Manifest(version("a", 1), 0));
    String reason = mode.decide(true, 0, 1);
    assertNotNull(reason);
    assertTrue(reason.contains("namespace is empty"), reason);
    assertTrue(reason.contains("recover"), "says how to get out: " + reason);
  }

  @Test
  void lostMetadataBesideChunksHoldsIt() {
    assertNotNull(new SafeMode(new KnownNamespace(List.of(), Map.of(), 0, true)).decide(true, 0, 17));
  }

  @Test
  void aFreshStoreWhoseFirstUploadWasCutShortIsNoLostNamespace() {
    // A name node killed during the first upload: its chunks are unknown, and no node holds a record.
    assertNull(mode(List.of(), Map.of()).decide(true, 0, 2));
    assertNotNull(mode(List.of(), Map.of()).decide(true, 0, SafeMode.UNKNOWN_SLACK + 1), "but many chunks are");
  }

  @Test
  void anEmptyNamespaceBesideEmptyNodesIsAFreshStore() {
    assertNull(mode(List.of(), Map.of()).decide(true, 0, 0));
  }

  @Test
  void farMoreUnknownChunksThanKnownOnesHoldIt() {
    SafeMode mode = mode(List.of(version("a", 1)), Map.of());
    long known = 100;
    assertNull(mode(List.of(version("a", 1)), Map.of()).decide(true, known, SafeMode.UNKNOWN_PER_KNOWN * known + SafeMode.UNKNOWN_SLACK));
    assertNotNull(mode.decide(true, known, SafeMode.UNKNOWN_PER_KNOWN * known + SafeMode.UNKNOWN_SLACK + 1));
  }

  @Test
  void aManifestOfANameTheNamespaceLacksIsKeptForRecoverButDoesNotHoldAlone() {
    // An artifact deleted while one node was away leaves its manifest there: not proof of a lost namespace.
    SafeMode mode = mode(List.of(version("a", 1)), Map.of());
    mode.recordSeen(new NamespaceRecord.Manifest(version("gone", 4), 0));
    assertNull(mode.decide(true, 1, 1));
    assertEquals(List.of("gone"), mode.ahead().stream().map(NamespaceRecord::name).toList());
  }

  @Test
  void aNodeThatComesBackLaterWithNewerRecordsPutsItBackOn() {
    SafeMode mode = mode(List.of(version("a", 1)), Map.of());
    assertNull(mode.decide(true, 1, 0));
    mode.recordSeen(new NamespaceRecord.Manifest(version("a", 5), 0));
    assertNotNull(mode.decide(true, 1, 0));
    assertEquals(SafeMode.State.HELD, mode.state());
  }

  @Test
  void leftByHandItStaysOffUntilTheNextStart() {
    SafeMode mode = mode(List.of(), Map.of());
    mode.recordSeen(new NamespaceRecord.Manifest(version("a", 1), 0));
    assertNotNull(mode.decide(true, 0, 5));
    mode.leaveByHand();
    assertFalse(mode.isOn());
    assertTrue(mode.ahead().isEmpty(), "what held it is discarded");
    mode.recordSeen(new NamespaceRecord.Manifest(version("b", 1), 0));
    assertNull(mode.decide(true, 0, 5), "and a record seen later does not hold it again");
  }

  @Test
  void aNameDeletedAndRememberedExplainsItsOldRecordsButNotANewerOne() {
    SafeMode mode = mode(List.of(version("a", 1)), Map.of("gone", 3L));
    mode.recordSeen(new NamespaceRecord.Manifest(version("gone", 3), 0)); // a node that missed the delete
    mode.recordSeen(new NamespaceRecord.Tombstone("gone", 3, 0));
    assertNull(mode.decide(true, 1, 1));
    assertTrue(mode.ahead().isEmpty());
    mode.recordSeen(new NamespaceRecord.Manifest(version("gone", 4), 0)); // created again, and that commit lost
    assertNotNull(mode.decide(true, 1, 1));
  }

  @Test
  void aStoreWhoseArtifactsWereAllDeletedIsNotAnEmptyNamespace() {
    assertNull(mode(List.of(), Map.of("gone", 1L)).decide(true, 0, 5), "the chunks of the deletes await collection");
  }

  @Test
  void ofTwoRecordsTheHigherVersionWinsAndAtOneVersionTheTombstone() {
    NamespaceRecord v1 = new NamespaceRecord.Manifest(version("a", 1), 0);
    NamespaceRecord v2 = new NamespaceRecord.Manifest(version("a", 2), 0);
    NamespaceRecord gone2 = new NamespaceRecord.Tombstone("a", 2, 0);
    assertEquals(v2, NamespaceRecord.newer(v1, v2));
    assertEquals(gone2, NamespaceRecord.newer(v2, gone2));
    assertEquals(gone2, NamespaceRecord.newer(gone2, v2));
  }

  @Test
  void aMalformedRecordFromANodeIsNamedAndIgnored() {
    assertNull(NodeRecords.problem(new NamespaceRecord.Manifest(version("a", 1), 0)));
    assertNotNull(NodeRecords.problem(new NamespaceRecord.Tombstone("../x", 1, 0)));
    assertNotNull(NodeRecords.problem(new NamespaceRecord.Tombstone("a", 0, 0)));
    ArtifactVersion lying = new ArtifactVersion("a", 1, 11, SHA, List.of(new ChunkRef(new ChunkId(1, 1), 10, 0)), 0, List.of());
    assertNotNull(NodeRecords.problem(new NamespaceRecord.Manifest(lying, 0)), "chunks must add up to the size");
    ArtifactVersion badSha = new ArtifactVersion("a", 1, 10, "xyz", List.of(new ChunkRef(new ChunkId(1, 1), 10, 0)), 0, List.of());
    assertNotNull(NodeRecords.problem(new NamespaceRecord.Manifest(badSha, 0)));
  }
}
