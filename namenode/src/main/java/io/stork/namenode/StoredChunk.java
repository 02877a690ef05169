package io.stork.namenode;

import java.util.Collection;

/** A chunk, its size and the nodes it is stored on: what deleting it everywhere takes. */
record StoredChunk(String chunkId, int size, Collection<String> nodes) {}
