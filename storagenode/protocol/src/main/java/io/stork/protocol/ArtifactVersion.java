package io.stork.protocol;

import java.util.List;

/**
 * A committed version of an artifact: immutable, its chunks in order, the SHA-256 of all of it, and
 * the capabilities every node holding one of its replicas must have (empty: any node).
 */
public record ArtifactVersion(
    String name, long version, long size, String sha256, List<ChunkRef> chunks, long committedAtMillis,
    List<String> requiredCapabilities) implements StorkMessage {

  public ArtifactVersion {
    chunks = List.copyOf(chunks);
    requiredCapabilities = requiredCapabilities == null ? List.of() : List.copyOf(requiredCapabilities);
  }
}
