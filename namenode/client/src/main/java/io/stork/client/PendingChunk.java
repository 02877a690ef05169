package io.stork.client;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NodeRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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
  /** The nodes of the current attempt, to hedge to. */
  Map<String, NodeRef> nodes = Map.of();
  /** When the chunk was last sent to each node that has not answered it yet. */
  final Map<String, Long> sentAt = new HashMap<>();
  /** Nodes of the current attempt that have not answered yet. */
  Set<String> awaiting = new HashSet<>();
  final Set<String> stored = new LinkedHashSet<>();
  /** Nodes that refused it, with the last refusal's words (never asked again). */
  final Set<String> refused = new HashSet<>();
  /** Nodes that did not answer in time (avoided when it is placed again). */
  final Set<String> silent = new HashSet<>();
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
