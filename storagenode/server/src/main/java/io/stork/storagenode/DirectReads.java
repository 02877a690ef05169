package io.stork.storagenode;

import io.stork.protocol.ChunkId;
import io.stork.runtime.data.ChunkBuffer;
import io.stork.runtime.data.ChunkFrames;

/**
 * Reads a storage node lets another thread serve, off its actor: its process's data channel reads
 * on the connection's own thread, into the connection's buffer. Thread-safe; refused once the node
 * has stopped (the next incarnation hands over its own).
 */
public interface DirectReads {
  ChunkFrames.Answer read(ChunkId chunkId, ChunkBuffer buffer);
}
