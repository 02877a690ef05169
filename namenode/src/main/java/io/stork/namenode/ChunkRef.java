package io.stork.namenode;

import io.stork.storagenode.ChunkId;
import io.stork.storagenode.StorkMessage;

/**
 * One chunk of a version: its id, its length and its CRC32C. The replica map is keyed by this same
 * {@code id} instance, so the name node holds each chunk id once.
 */
public record ChunkRef(ChunkId id, int size, int crc32c) implements StorkMessage {}
