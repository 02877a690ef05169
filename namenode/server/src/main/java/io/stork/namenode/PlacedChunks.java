package io.stork.namenode;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol.Replacement;
import io.stork.protocol.Refused;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Chunks placed for uploads in progress and not yet committed: where each was sent (so that an
 * abandoned one can be deleted there, and a node's report of it is no orphan), and the room it took
 * on those nodes (promised when placed, so that concurrent uploads spread out).
 */
final class PlacedChunks {
  /** One placement of a chunk: its id and its nodes in pipeline order. */
  record Choice(ChunkId chunkId, List<String> nodeIds) {}

  /** The choices of one request, in order, or why it failed (then nothing of it is placed). */
  record Outcome(List<Choice> choices, List<Integer> sizes, Refused refused) {}

  private record Entry(int size, Set<String> nodes) {}

  private final int replication;
  private final Map<ChunkId, Entry> placed = new HashMap<>();

  PlacedChunks(int replication) {
    this.replication = replication;
  }

  /**
   * Places new chunks ({@code replication} replicas each) and replacements, on live nodes with every
   * required capability and room. At the start of an upload, {@code checkFeasible} also refuses
   * when no chunk could be placed now (for an upload with none to place yet), or when the whole
   * upload's replicas would not fit ({@code totalBytes}, when known: not -1).
   */
  Outcome place(NodeTable nodes, List<Integer> newChunks, List<Replacement> replacements, List<String> capabilities,
                boolean checkFeasible, long totalBytes, Random random) {
    List<Choice> choices = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    List<Runnable> undo = new ArrayList<>();
    Refused refused = null;
    if (checkFeasible) {
      refused = refusal(PlacementPolicy.choose(nodes.live(), replication, 0, capabilities, Set.of(), random));
      String shortage = refused == null ? UploadRoom.shortage(nodes.live(), replication, totalBytes, capabilities) : null;
      refused = shortage == null ? refused : new Refused(ErrorKind.NO_SPACE, shortage);
    }
    for (int i = 0; refused == null && i < newChunks.size(); i++) {
      refused = placeOne(nodes, ChunkId.random(), newChunks.get(i), replication, Set.of(), capabilities, random, choices, sizes, undo);
    }
    for (int i = 0; refused == null && i < replacements.size(); i++) {
      Replacement again = replacements.get(i);
      Entry entry = placed.get(again.chunkId());
      int size = entry == null ? again.size() : entry.size();
      Set<String> avoid = new HashSet<>(again.excluded());
      avoid.addAll(again.avoided());
      boolean avoidable = PlacementPolicy.choose(nodes.live(), again.replicas(), size, capabilities, avoid, random).ok();
      refused = placeOne(nodes, again.chunkId(), size, again.replicas(), avoidable ? avoid : new HashSet<>(again.excluded()),
          capabilities, random, choices, sizes, undo);
    }
    if (refused != null) {
      // Nothing of a failed request stays: a new chunk is forgotten, a replacement keeps what it had.
      undo.forEach(Runnable::run);
      return new Outcome(List.of(), List.of(), refused);
    }
    return new Outcome(choices, sizes, null);
  }

  private Refused placeOne(NodeTable nodes, ChunkId chunkId, int size, int count, Set<String> excluded,
                           List<String> capabilities, Random random, List<Choice> choices, List<Integer> sizes,
                           List<Runnable> undo) {
    PlacementPolicy.Placement placement = PlacementPolicy.choose(nodes.live(), count, size, capabilities, excluded, random);
    if (!placement.ok()) {
      return refusal(placement);
    }
    boolean isNew = !placed.containsKey(chunkId);
    Entry entry = placed.computeIfAbsent(chunkId, id -> new Entry(size, new LinkedHashSet<>()));
    for (String nodeId : placement.nodeIds()) {
      if (entry.nodes().add(nodeId)) {
        nodes.use(nodeId, size);
        undo.add(() -> {
          entry.nodes().remove(nodeId);
          nodes.release(nodeId, size);
        });
      }
    }
    if (isNew) {
      undo.add(() -> placed.remove(chunkId));
    }
    choices.add(new Choice(chunkId, placement.nodeIds()));
    sizes.add(size);
    return null;
  }

  private static Refused refusal(PlacementPolicy.Placement placement) {
    return placement.ok() ? null : new Refused(placement.noSpace() ? ErrorKind.NO_SPACE : ErrorKind.UNAVAILABLE, placement.error());
  }

  /** The chunk is done with (committed, or abandoned): the nodes it was placed on, and its size; null if unknown. */
  Map.Entry<Integer, Set<String>> remove(ChunkId chunkId) {
    Entry entry = placed.remove(chunkId);
    return entry == null ? null : Map.entry(entry.size(), entry.nodes());
  }

  boolean isBeingWritten(ChunkId chunkId) {
    return placed.containsKey(chunkId);
  }

  int size() {
    return placed.size();
  }
}
