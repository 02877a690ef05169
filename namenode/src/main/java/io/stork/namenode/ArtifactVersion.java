package io.stork.namenode;

import io.stork.storagenode.StorkMessage;
import java.util.List;

/** A committed version of an artifact: immutable, its chunks in order, and the SHA-256 of all of it. */
public record ArtifactVersion(
    String name, long version, long size, String sha256, List<ChunkRef> chunks, long committedAtMillis)
    implements StorkMessage {

  public ArtifactVersion {
    chunks = List.copyOf(chunks);
  }
}
