package io.stork.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.ChunkId;
import io.stork.protocol.NameNodeProtocol.Placement;
import io.stork.protocol.NodeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One placement request at a time, in batches, replacements after new chunks; no commit while one
 * is on its way; full chunks of a content whose size is known placed ahead, a few requests in all.
 */
class PlacementQueueTest {
  private static final NodeRef NODE = new NodeRef("sn-1", null, "");

  private static PendingChunk chunk(int index, int size) {
    return new PendingChunk(index, new byte[size], 0);
  }

  private static Placement placement(NodeRef... nodes) {
    return new Placement(ChunkId.random(), List.of(nodes));
  }

  private static List<PendingChunk> chunks(List<PlacementQueue.Assignment> assignments) {
    return assignments.stream().map(PlacementQueue.Assignment::chunk).toList();
  }

  @Test
  void theUploadBeginsOnceWithWhatIsCutAndTheRestFollowsInBatchesOfAtMostTheLimit() {
    PlacementQueue queue = new PlacementQueue(2);
    PendingChunk a = chunk(0, 10);
    PendingChunk b = chunk(1, 20);
    PendingChunk c = chunk(2, 30);
    queue.add(a);
    assertEquals(new PlacementQueue.Request(List.of(10), List.of()), queue.begin());
    assertNull(queue.begin(), "begun already");
    queue.add(b);
    queue.add(c);
    assertNull(queue.next(), "one request at a time");
    assertEquals(List.of(a), chunks(queue.placed(List.of(placement(NODE)))));
    assertEquals(new PlacementQueue.Request(List.of(20, 30), List.of()), queue.next());
    assertEquals(List.of(b, c), chunks(queue.placed(List.of(placement(NODE), placement(NODE)))));
    assertNull(queue.next(), "nothing left to place");
  }

  @Test
  void aCommitIsNotReadyWhileAPlacementIsInFlight() {
    PlacementQueue queue = new PlacementQueue(8);
    PendingChunk a = chunk(0, 10);
    queue.add(a);
    assertFalse(queue.commitReady(), "a chunk not yet asked a placement for");
    queue.begin();
    queue.placed(List.of(placement(NODE)));
    assertTrue(queue.commitReady());

    queue.replace(a); // short of a replica
    assertEquals(new PlacementQueue.Request(List.of(), List.of(a)), queue.next());
    assertTrue(queue.inFlight());
    queue.stored(a); // a late answer stores it while its replacement is on its way
    assertFalse(queue.commitReady(), "not while the replacement's placement is on its way");
    a.done = true;
    assertEquals(List.of(), queue.placed(List.of(placement(NODE))), "stored meanwhile: not sent again");
    assertTrue(queue.commitReady(), "its answer came: the commit may go");
  }

  @Test
  void replacementsComeAfterNewChunksAndOneWithoutANodeIsNotSent() {
    PlacementQueue queue = new PlacementQueue(8);
    PendingChunk a = chunk(0, 10);
    PendingChunk b = chunk(1, 10);
    PendingChunk c = chunk(2, 10);
    queue.add(a);
    queue.add(b);
    queue.begin();
    queue.placed(List.of(placement(NODE), placement(NODE)));
    queue.replace(a);
    queue.replace(b);
    queue.stored(b); // a late answer: b needs no replacement after all
    queue.add(c);
    assertEquals(new PlacementQueue.Request(List.of(10), List.of(a)), queue.next());
    Placement forC = placement(NODE);
    List<PlacementQueue.Assignment> sent = queue.placed(List.of(forC, placement()));
    assertEquals(List.of(new PlacementQueue.Assignment(c, forC)), sent, "a's placement has no node: not sent");
  }

  private static List<Placement> placements(int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> placement(NODE)).toList();
  }

  @Test
  void fullChunksOfAKnownSizeArePlacedAheadAndSentAsSoonAsTheyAreCut() {
    PlacementQueue queue = new PlacementQueue(64, 10, 25); // two full chunks, then 5 bytes
    PendingChunk a = chunk(0, 10);
    PendingChunk b = chunk(1, 10);
    PendingChunk c = chunk(2, 5);
    assertNull(queue.add(a));
    assertEquals(new PlacementQueue.Request(List.of(10, 10), List.of()), queue.begin(), "a, and one full chunk to come");
    List<Placement> answer = placements(2);
    assertEquals(List.of(new PlacementQueue.Assignment(a, answer.get(0))), queue.placed(answer));
    assertNull(queue.next(), "nothing to ask: b is placed already");
    assertEquals(new PlacementQueue.Assignment(b, answer.get(1)), queue.add(b), "sent at once, no request");
    assertNull(queue.add(c), "the last, short chunk is asked for when it is cut");
    assertEquals(new PlacementQueue.Request(List.of(5), List.of()), queue.next());
    assertEquals(List.of(c), chunks(queue.placed(placements(1))));
    assertTrue(queue.commitReady());
  }

  @Test
  void aChunkCutWhilePlacementsAheadAreOnTheirWayTakesOneOfThem() {
    PlacementQueue queue = new PlacementQueue(64, 10, 40);
    PendingChunk a = chunk(0, 10);
    PendingChunk b = chunk(1, 10);
    queue.add(a);
    assertEquals(4, queue.begin().newChunks().size(), "a and three to come");
    assertNull(queue.add(b), "its placement is on its way");
    List<Placement> answer = placements(4);
    assertEquals(List.of(new PlacementQueue.Assignment(a, answer.get(0)), new PlacementQueue.Assignment(b, answer.get(1))),
        queue.placed(answer));
    assertNull(queue.next(), "b took one placed ahead: not asked for again");
    assertEquals(answer.get(2), queue.add(chunk(2, 10)).placement());
    assertEquals(answer.get(3), queue.add(chunk(3, 10)).placement());
    assertTrue(queue.commitReady());
  }

  @Test
  void aLongContentAsksAFewTimesNotOncePerChunk() {
    PlacementQueue queue = new PlacementQueue(64, 1, 256);
    int requests = 0;
    int sent = 0;
    for (int i = 0; i < 256; i++) {
      PlacementQueue.Assignment now = queue.add(chunk(i, 1));
      sent += now == null ? 0 : 1;
      PlacementQueue.Request request = i == 0 ? queue.begin() : queue.next();
      if (request != null) {
        requests++;
        sent += queue.placed(placements(request.newChunks().size())).size();
      }
    }
    assertEquals(256, sent, "every chunk sent once");
    assertTrue(requests <= 6, requests + " requests");
    assertTrue(queue.commitReady());
  }
}
