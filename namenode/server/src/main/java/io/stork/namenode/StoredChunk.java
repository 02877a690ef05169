package io.stork.namenode;

import io.stork.protocol.ChunkId;
import java.util.Collection;

/** A chunk, its size and the nodes it is stored on: what deleting it everywhere takes. */
record StoredChunk(ChunkId chunkId, int size, Collection<String> nodes) {}
