package io.stork.protocol;

/**
 * One chunk of a version: its id, its length and its CRC32C. The replica map is keyed by this same
 * {@code id} instance, so the name node holds each chunk id once.
 */
public record ChunkRef(ChunkId id, int size, int crc32c) implements StorkMessage {
  /** The largest chunk Stork makes (the chunk size is at most this): a larger file is not a chunk. */
  public static final int MAX_SIZE = 64 << 20;
}
