package io.stork.client;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** One chunk of an upload on its way to its replicas: its bytes until they are stored, and who answered. */
final class PendingChunk {
  final int index;
  /** Null once stored: the window's memory is given back. */
  byte[] data;
  final int size;
  final int crc32c;
  ChunkId chunkId;
  int attempt;
  /** Nodes of the current attempt that have not answered yet. */
  Set<String> awaiting = new HashSet<>();
  final Set<String> stored = new LinkedHashSet<>();
  /** Nodes that refused it, with the last refusal's words (never asked again). */
  final Set<String> refused = new HashSet<>();
  String lastRefusal;
  ErrorKind lastRefusalKind;
  boolean done;

  PendingChunk(int index, byte[] data, int crc32c) {
    this.index = index;
    this.data = data;
    this.size = data.length;
    this.crc32c = crc32c;
  }
}
