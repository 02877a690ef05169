package io.stork.storagenode;

import io.stork.protocol.ChunkId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * How chunks leave a storage node. Chunks the namespace no longer needs are deleted at once. Orphans,
 * the chunks the name node does not know, go to the {@link Trash}, are deleted once
 * {@code stork.orphan-grace} has passed, and go earlier, oldest first, only when the disk cannot
 * hold a write without their room. Every step is logged: the trash is where a name node's lost
 * metadata would show first. Used on the storage node's thread only.
 */
final class ChunkDisposal {
  private final Trash trash;
  private final ChunkStore store;
  private final Duration grace;
  private final Logger log;

  ChunkDisposal(Trash trash, ChunkStore store, Duration grace, Logger log) {
    this.trash = trash;
    this.store = store;
    this.grace = grace;
    this.log = log;
  }

  /** Deletes chunks the namespace no longer needs. */
  void delete(List<ChunkId> chunkIds) {
    for (ChunkId chunkId : chunkIds) {
      try {
        store.delete(chunkId);
      } catch (IOException e) {
        log.warn("delete of chunk {} failed: {}", chunkId, e.getMessage());
      }
    }
  }

  /** Moves orphans to the trash. */
  void trash(List<ChunkId> chunkIds) {
    try {
      Trash.Taken taken = trash.take(store, chunkIds);
      if (taken.moved() > 0) {
        log.info("moved {} orphan chunks to the trash, deleted after {}", taken.moved(), grace);
      }
      taken.failures().forEach(failure -> log.warn("could not trash {}", failure));
    } catch (IOException e) {
      log.warn("trashing orphans failed: {}", e.getMessage());
    }
  }

  /** Deletes the trash past its grace. */
  void sweep() {
    try {
      int deleted = trash.sweep(grace);
      if (deleted > 0) {
        log.info("deleted {} trashed orphans past their grace of {}", deleted, grace);
      }
    } catch (IOException e) {
      log.warn("could not empty the trash: {}", e.getMessage());
    }
  }

  /** The disk cannot hold {@code space}'s writes in progress without the trash's room: the oldest trash goes, before its grace. */
  void reclaimFor(DiskSpace space) {
    long needed = space.shortOnDisk();
    if (needed > 0 && trash.count() > 0) {
      try {
        log.warn("disk short of room: deleted {} bytes of trashed orphans before their grace", trash.empty(needed));
      } catch (IOException e) {
        log.warn("could not empty the trash: {}", e.getMessage());
      }
    }
  }
}
