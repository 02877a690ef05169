package io.stork.storagenode;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.runtime.data.ChunkBuffer;
import io.stork.runtime.data.ChunkFrames;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node's reads as answers, on any thread (the store and the metrics are thread-safe):
 * its actor reads with it, and so do its process's data connections. What to do with a damaged
 * replica is the caller's: the actor discards it at once, a connection hands it to the actor.
 */
final class ChunkReader {
  private static final Logger log = LoggerFactory.getLogger(ChunkReader.class);

  private final ChunkStore store;
  private final StorageNodeMetrics.Node metrics;
  /** Set when the node has stopped: its direct reads are refused from then on. */
  private volatile boolean stopped;

  ChunkReader(ChunkStore store, StorageNodeMetrics.Node metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  /** The chunk into {@code buffer}, or why not; {@code damaged} is told of a damaged replica. */
  ChunkFrames.Answer read(ChunkId chunkId, ChunkBuffer buffer, Consumer<ChunkCorruptedException> damaged) {
    try {
      long started = System.nanoTime();
      store.read(chunkId, buffer);
      metrics.read(System.nanoTime() - started);
      return ChunkFrames.Answer.chunk(buffer);
    } catch (ChunkCorruptedException e) {
      damaged.accept(e);
      return ChunkFrames.Answer.refused(ErrorKind.CORRUPT, e.getMessage());
    } catch (NoSuchFileException e) {
      return ChunkFrames.Answer.refused(ErrorKind.NOT_FOUND, e.getMessage());
    } catch (IOException e) {
      log.warn("read of chunk {} failed: {}", chunkId, e.getMessage());
      return ChunkFrames.Answer.refused(ErrorKind.IO, e.getMessage());
    }
  }

  /** Reads for other threads; a damaged replica they find goes to {@code damaged} (the actor, which verifies it again). */
  DirectReads direct(String nodeId, Consumer<ChunkId> damaged) {
    return (chunkId, buffer) -> stopped
        ? ChunkFrames.Answer.refused(ErrorKind.UNAVAILABLE, "storage node " + nodeId + " is restarting")
        : read(chunkId, buffer, damage -> damaged.accept(chunkId));
  }

  /** The node has stopped. */
  void stop() {
    stopped = true;
  }

  /**
   * Damage found earlier, verified again: the damage while the replica is still damaged or gone
   * (the first read forgot a vanished one), nothing when it reads well now (a good copy was
   * written since). An IOException: it could not be told.
   */
  Optional<ChunkCorruptedException> stillDamaged(ChunkId chunkId) throws IOException {
    try {
      store.read(chunkId);
      return Optional.empty();
    } catch (ChunkCorruptedException e) {
      return Optional.of(e);
    } catch (NoSuchFileException e) {
      return Optional.of(new ChunkCorruptedException("chunk " + chunkId + " vanished from disk"));
    }
  }
}
