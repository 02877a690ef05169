package io.stork.storagenode;

import io.stork.protocol.ChunkId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks every chunk of a store in id order, a budget of bytes at a time, verifying checksums, so
 * that a replica that rots on disk is found even when nobody reads it.
 */
final class Scrubber {
  record Damage(ChunkId chunkId, ChunkCorruptedException cause) {}

  /**
   * What a chunk costs of the budget at least: opening a file costs about what reading 64 KiB does,
   * and counting bytes alone re-read a whole store of small chunks every second (thousands of files a
   * second per node, most of the CPU under a load of small uploads).
   */
  static final long MIN_COST_PER_CHUNK = 64 << 10;

  private final ChunkStore store;
  /** The last chunk verified; null: start from the first. */
  private ChunkId cursor;
  /** For the metrics: chunks verified in all, in this pass, and the passes finished. */
  private long verified;
  private long verifiedThisPass;
  private long passes;

  Scrubber(ChunkStore store) {
    this.store = store;
  }

  /** Verifies chunks after the cursor until {@code budgetBytes} are read; returns the damaged ones. */
  List<Damage> verifyNext(long budgetBytes) {
    List<Damage> damaged = new ArrayList<>();
    long spent = 0;
    ChunkId id = store.chunkAfter(cursor);
    while (id != null && spent < budgetBytes) {
      spent += MIN_COST_PER_CHUNK;
      try {
        spent += Math.max(0, store.read(id).length - MIN_COST_PER_CHUNK);
      } catch (ChunkCorruptedException e) {
        damaged.add(new Damage(id, e));
      } catch (IOException e) {
        // deleted meanwhile: nothing to verify
      }
      cursor = id;
      verified++;
      verifiedThisPass++;
      id = store.chunkAfter(cursor);
    }
    if (id == null) {
      cursor = null; // a full pass done: start over
      passes += verifiedThisPass > 0 ? 1 : 0;
      verifiedThisPass = 0;
    }
    return damaged;
  }

  long verified() {
    return verified;
  }

  long verifiedThisPass() {
    return verifiedThisPass;
  }

  long passes() {
    return passes;
  }
}
