package io.stork.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The name node's handle on one upload in progress: 128 random bits, so that no other client can
 * guess it, commit under it or abort it. On the wire it is its 32 hex digits.
 */
public record LeaseId(String id) {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public LeaseId {
    ChunkIds.requireValid(id); // the same text as a chunk id: 32 lower-case hex digits
  }

  public static LeaseId random() {
    return new LeaseId(ChunkIds.random());
  }

  @JsonValue
  @Override
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
