package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NameNodeProtocol.WrittenChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The uploads in progress: leases that expire, names one creator at a time, commits that may only name their own chunks. */
class UploadsTest {
  static final long LEASE = 1_000;
  static final ChunkId CHUNK = ChunkId.parse("0123456789abcdef0123456789abcdef");
  static final ChunkId OTHER = ChunkId.parse("fedcba9876543210fedcba9876543210");

  private static ArtifactVersion version() {
    return new ArtifactVersion("a", 1, 10, "0".repeat(64), List.of(new ChunkRef(CHUNK, 10, 0)), 0, List.of());
  }

  @Test
  void anOpenUploadIsRenewedByUseAndExpiresWhenItsClientFallsSilent() {
    Uploads uploads = new Uploads(LEASE, 4 * LEASE);
    Uploads.Upload upload = uploads.begin("a", false, List.of(), 0);
    uploads.placed(upload, CHUNK, 10);
    assertTrue(uploads.isCreating("a"));
    assertSame(upload, uploads.open(upload.lease, 900), "renewed at 900: its lease now ends at 1900");
    assertEquals(List.of(), uploads.expire(1_500));
    assertEquals(List.of(CHUNK), uploads.expire(1_901), "expired: its chunks are to be collected");
    assertFalse(uploads.isCreating("a"));
    assertNull(uploads.open(upload.lease, 1_902));
  }

  @Test
  void aCommitInTheJournalsHandsNeverExpiresAndACommittedLeaseAnswersAgain() {
    Uploads uploads = new Uploads(LEASE, 4 * LEASE);
    Uploads.Upload upload = uploads.begin("a", false, List.of(), 0);
    uploads.placed(upload, CHUNK, 10);
    uploads.commitStarted(upload);
    assertEquals(List.of(), uploads.expire(10 * LEASE), "nothing collected while the journal decides");
    assertNull(uploads.open(upload.lease, 10 * LEASE), "no more placements once committing");
    uploads.committed(upload, version(), 10 * LEASE);
    assertFalse(uploads.isCreating("a"));
    assertNotNull(uploads.get(upload.lease), "kept, to answer a commit asked again");
    assertEquals(List.of(), uploads.expire(20 * LEASE), "a committed upload's chunks belong to its version");
    assertNull(uploads.get(upload.lease), "forgotten after a while");
  }

  @Test
  void aFailedCommitReopensTheUploadForAnotherCommitOrAnAbort() {
    Uploads uploads = new Uploads(LEASE, 4 * LEASE);
    Uploads.Upload upload = uploads.begin("b", false, List.of(), 0);
    uploads.placed(upload, CHUNK, 10);
    uploads.commitStarted(upload);
    uploads.commitFailed(upload, 5);
    assertSame(upload, uploads.open(upload.lease, 6));
    assertEquals(List.of(CHUNK), uploads.end(upload));
    assertFalse(uploads.isCreating("b"));
  }

  @Test
  void aCommitNamesOnlyItsOwnChunksEachOnceAtTheirPlacedSize() {
    Uploads uploads = new Uploads(LEASE, 4 * LEASE);
    Uploads.Upload upload = uploads.begin("c", false, List.of(), 0);
    uploads.placed(upload, CHUNK, 10);
    WrittenChunk ok = new WrittenChunk(new ChunkRef(CHUNK, 10, 7), List.of("sn-1"));
    assertNull(Uploads.invalidCommit(upload, 10, "a".repeat(64), List.of(ok)));
    assertEquals("the commit names a chunk not placed for this upload, or a chunk twice", Uploads.invalidCommit(upload, 10,
        "a".repeat(64), List.of(new WrittenChunk(new ChunkRef(OTHER, 10, 7), List.of()))));
    assertEquals("the commit names a chunk not placed for this upload, or a chunk twice",
        Uploads.invalidCommit(upload, 20, "a".repeat(64), List.of(ok, ok)));
    assertEquals("the commit gives chunk " + CHUNK + " 9 bytes, placed with 10",
        Uploads.invalidCommit(upload, 9, "a".repeat(64), List.of(new WrittenChunk(new ChunkRef(CHUNK, 9, 7), List.of()))));
    assertEquals("the commit's size 11 is not the sum of its chunks' sizes 10", Uploads.invalidCommit(upload, 11, "a".repeat(64), List.of(ok)));
    assertEquals("the commit's sha256 is not 64 lower-case hex digits", Uploads.invalidCommit(upload, 10, "A".repeat(64), List.of(ok)));
  }

  @Test
  void aNameIsCreatedByOneUploadAtATimeButUpdatedByMany() {
    Uploads uploads = new Uploads(LEASE, 4 * LEASE);
    uploads.begin("a", false, List.of(), 0);
    assertTrue(uploads.isCreating("a"));
    Uploads.Upload update = uploads.begin("b", true, List.of(), 0);
    assertFalse(uploads.isCreating("b"));
    uploads.end(update);
    assertEquals(1, uploads.inProgress());
  }
}
