package io.stork.client;

import io.stork.protocol.NameNodeProtocol.Placement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunks of one upload on their way to a placement: cut and not yet asked for, asked for and
 * waiting for the answer, short of replicas and to be placed again, and being placed again. One
 * request is on its way at a time; what queues up meanwhile goes in the next one, as a batch. The
 * upload may commit only once no chunk waits for a placement and none is on its way
 * ({@link #commitReady}): the name node places nothing for an upload it commits.
 */
final class PlacementQueue {
  /** What to ask the name node for: the sizes of new chunks, in order, then these chunks placed again. */
  record Request(List<Integer> newChunks, List<PendingChunk> replacements) {}

  /** A chunk and where to send it. */
  record Assignment(PendingChunk chunk, Placement placement) {}

  private final int maxChunksPerRequest;
  private final ArrayDeque<PendingChunk> unplaced = new ArrayDeque<>();
  private final ArrayDeque<PendingChunk> awaitingPlacement = new ArrayDeque<>();
  private final List<PendingChunk> toReplace = new ArrayList<>();
  private final List<PendingChunk> replacing = new ArrayList<>();
  private boolean inFlight;

  PlacementQueue(int maxChunksPerRequest) {
    this.maxChunksPerRequest = maxChunksPerRequest;
  }

  /** A chunk cut from the content, to be placed. */
  void add(PendingChunk chunk) {
    unplaced.add(chunk);
  }

  /** The request that begins the upload (with the chunks cut so far); null when it was asked already. */
  Request begin() {
    if (inFlight || !awaitingPlacement.isEmpty()) {
      return null;
    }
    inFlight = true;
    return new Request(takeUnplaced(), List.of());
  }

  /** The next request, or null while one is on its way or when nothing is to be placed. */
  Request next() {
    if (inFlight || (unplaced.isEmpty() && toReplace.isEmpty())) {
      return null;
    }
    inFlight = true;
    List<Integer> sizes = takeUnplaced();
    List<PendingChunk> replacements = List.copyOf(toReplace);
    replacing.addAll(toReplace);
    toReplace.clear();
    return new Request(sizes, replacements);
  }

  private List<Integer> takeUnplaced() {
    List<Integer> sizes = new ArrayList<>();
    while (!unplaced.isEmpty() && sizes.size() < maxChunksPerRequest) {
      PendingChunk chunk = unplaced.poll();
      sizes.add(chunk.size);
      awaitingPlacement.add(chunk);
    }
    return sizes;
  }

  /**
   * The answer to the request on its way: new chunks' placements come first, in the order asked,
   * then the replacements'. A chunk placed again that was stored meanwhile by a late answer (or got
   * no node) is not sent: its placement is released at the commit.
   */
  List<Assignment> placed(List<Placement> placements) {
    inFlight = false;
    List<Assignment> assignments = new ArrayList<>(placements.size());
    int at = 0;
    while (!awaitingPlacement.isEmpty() && at < placements.size()) {
      assignments.add(new Assignment(awaitingPlacement.poll(), placements.get(at++)));
    }
    for (PendingChunk chunk : replacing) {
      Placement placement = at < placements.size() ? placements.get(at++) : null;
      if (placement != null && !chunk.done && !placement.nodes().isEmpty()) {
        assignments.add(new Assignment(chunk, placement));
      }
    }
    replacing.clear();
    return assignments;
  }

  /** The chunk is short of replicas: it goes in the next request. */
  void replace(PendingChunk chunk) {
    toReplace.add(chunk);
  }

  /** The chunk has its replicas (perhaps by a late answer): it need not be placed again. */
  void stored(PendingChunk chunk) {
    toReplace.remove(chunk);
  }

  boolean inFlight() {
    return inFlight;
  }

  /** No placement on its way and no chunk waiting for one: the upload may commit once every chunk is stored. */
  boolean commitReady() {
    return !inFlight && unplaced.isEmpty() && awaitingPlacement.isEmpty();
  }
}
