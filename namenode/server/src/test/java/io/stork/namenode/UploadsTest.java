package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.UploadProtocol;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What happens to an upload's chunks when its session ends, before, during or after its commit. */
class UploadsTest {
  static ActorTestKit testKit;
  static final ChunkId CHUNK = ChunkId.parse("0123456789abcdef0123456789abcdef");

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("UploadsTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static ActorRef<UploadProtocol.Command> session() {
    return testKit.<UploadProtocol.Command>createTestProbe().getRef();
  }

  private static ArtifactVersion version() {
    return new ArtifactVersion("a", 1, 10, "0".repeat(64), List.of(new ChunkRef(CHUNK, 10, 0)), 0, List.of());
  }

  @Test
  void anUploadThatEndsBeforeItsCommitLeavesItsChunksToDelete() {
    Uploads uploads = new Uploads();
    ActorRef<UploadProtocol.Command> session = session();
    uploads.begin(session, "a", false);
    uploads.placed(session, CHUNK, 10, Set.of("sn-1", "sn-2"));
    assertTrue(uploads.isCreating("a"));
    assertEquals(List.of(new StoredChunk(CHUNK, 10, Set.of("sn-1", "sn-2"))), uploads.ended(session));
    assertFalse(uploads.isCreating("a"));
    assertFalse(uploads.isBeingWritten(CHUNK));
  }

  @Test
  void aSessionThatEndsDuringItsCommitLeavesTheOutcomeToTheJournal() {
    Uploads uploads = new Uploads();
    ActorRef<UploadProtocol.Command> committed = session();
    uploads.begin(committed, "a", false);
    uploads.placed(committed, CHUNK, 10, Set.of("sn-1"));
    uploads.commitStarted(committed);
    assertEquals(List.of(), uploads.ended(committed), "nothing deleted while the journal decides");
    assertTrue(uploads.isBeingWritten(CHUNK));
    assertEquals(List.of(), uploads.commitEnded(committed, version()), "durable: the chunks belong to the version");
    assertFalse(uploads.isBeingWritten(CHUNK));

    ActorRef<UploadProtocol.Command> failed = session();
    uploads.begin(failed, "b", false);
    uploads.placed(failed, CHUNK, 10, Set.of("sn-1"));
    uploads.commitStarted(failed);
    assertEquals(List.of(), uploads.ended(failed));
    assertEquals(List.of(new StoredChunk(CHUNK, 10, Set.of("sn-1"))), uploads.commitEnded(failed, null),
        "the journal refused: now the chunks go");
    assertFalse(uploads.isCreating("b"));
  }
}
