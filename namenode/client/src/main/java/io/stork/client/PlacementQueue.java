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
 *
 * <p>When the content's size is known, full chunks not yet cut are placed ahead ({@code ahead}:
 * up to a request's worth, topped up when fewer than {@link #LOW_WATER} are left), so that a 256
 * MiB upload asks the name node a handful of times instead of once per chunk or two (the window
 * holds only a few chunks, and each one stored used to free room for one more request). A chunk
 * cut while placements for it are on their way is asked for on its own; a placement ahead that no
 * chunk takes (the content was shorter than it said) is released at the commit, as any unused one.
 */
final class PlacementQueue {
  /** What to ask the name node for: the sizes of new chunks, in order, then these chunks placed again. */
  record Request(List<Integer> newChunks, List<PendingChunk> replacements) {}

  /** A chunk and where to send it. */
  record Assignment(PendingChunk chunk, Placement placement) {}

  /** Placements ahead are asked for again when fewer than this many are left or on their way. */
  static final int LOW_WATER = 16;

  private final int maxChunksPerRequest;
  private final int chunkSize;
  /** The full chunks the content's announced size holds (0 when it is not known): no more are placed ahead. */
  private final long fullChunks;
  private long fullChunksCut;
  private final ArrayDeque<Placement> ahead = new ArrayDeque<>();
  private int aheadInFlight;
  private final ArrayDeque<PendingChunk> unplaced = new ArrayDeque<>();
  private final ArrayDeque<PendingChunk> awaitingPlacement = new ArrayDeque<>();
  private final List<PendingChunk> toReplace = new ArrayList<>();
  private final List<PendingChunk> replacing = new ArrayList<>();
  private boolean inFlight;

  /** Chunks are placed as they are cut, none ahead (the content's size is not known). */
  PlacementQueue(int maxChunksPerRequest) {
    this(maxChunksPerRequest, 0, -1);
  }

  /** Full chunks of {@code chunkSize} bytes are placed ahead when {@code totalBytes} is known (not -1). */
  PlacementQueue(int maxChunksPerRequest, int chunkSize, long totalBytes) {
    this.maxChunksPerRequest = maxChunksPerRequest;
    this.chunkSize = chunkSize;
    this.fullChunks = totalBytes < 0 || chunkSize < 1 ? 0 : totalBytes / chunkSize;
  }

  /** A chunk cut from the content: where to send it at once (placed ahead), or null (it waits for a placement). */
  Assignment add(PendingChunk chunk) {
    boolean full = chunk.size == chunkSize;
    if (full) {
      fullChunksCut++;
    }
    if (full && !ahead.isEmpty()) {
      return new Assignment(chunk, ahead.poll());
    }
    unplaced.add(chunk);
    return null;
  }

  /** The request that begins the upload (with the chunks cut so far); null when it was asked already. */
  Request begin() {
    if (inFlight || !awaitingPlacement.isEmpty()) {
      return null;
    }
    inFlight = true;
    return new Request(sizes(), List.of());
  }

  /** The next request, or null while one is on its way or when nothing is to be placed. */
  Request next() {
    if (inFlight || (unplaced.isEmpty() && toReplace.isEmpty() && aheadWanted() == 0)) {
      return null;
    }
    inFlight = true;
    List<Integer> sizes = sizes();
    List<PendingChunk> replacements = List.copyOf(toReplace);
    replacing.addAll(toReplace);
    toReplace.clear();
    return new Request(sizes, replacements);
  }

  /** The chunks cut and not yet asked for, then full chunks to come, placed ahead. */
  private List<Integer> sizes() {
    List<Integer> sizes = new ArrayList<>();
    while (!unplaced.isEmpty() && sizes.size() < maxChunksPerRequest) {
      PendingChunk chunk = unplaced.poll();
      sizes.add(chunk.size);
      awaitingPlacement.add(chunk);
    }
    aheadInFlight = (int) Math.min(aheadWanted(), maxChunksPerRequest - sizes.size());
    for (int i = 0; i < aheadInFlight; i++) {
      sizes.add(chunkSize);
    }
    return sizes;
  }

  /** How many full chunks to come to place ahead now: none while enough are placed or the content holds no more. */
  private long aheadWanted() {
    long outstanding = ahead.size() + aheadInFlight;
    long toCome = fullChunks - fullChunksCut - outstanding;
    return outstanding >= LOW_WATER || toCome <= 0 ? 0 : Math.min(toCome, maxChunksPerRequest);
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
    for (int i = 0; i < aheadInFlight && at < placements.size(); i++) {
      Placement placement = placements.get(at++);
      PendingChunk waiting = takeWaitingFullChunk();
      if (waiting != null) {
        assignments.add(new Assignment(waiting, placement)); // cut while this placement was on its way
      } else {
        ahead.add(placement);
      }
    }
    aheadInFlight = 0;
    for (PendingChunk chunk : replacing) {
      Placement placement = at < placements.size() ? placements.get(at++) : null;
      if (placement != null && !chunk.done && !placement.nodes().isEmpty()) {
        assignments.add(new Assignment(chunk, placement));
      }
    }
    replacing.clear();
    return assignments;
  }

  /** A full chunk cut while placements ahead were on their way, not yet asked for on its own; null when none. */
  private PendingChunk takeWaitingFullChunk() {
    for (PendingChunk chunk : unplaced) {
      if (chunk.size == chunkSize) {
        unplaced.remove(chunk);
        return chunk;
      }
    }
    return null;
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
