package io.stork.namenode;

import io.stork.storagenode.StorkMessage;

/** One chunk of a version: its id, its length and its CRC32C. */
public record ChunkRef(String id, int size, int crc32c) implements StorkMessage {}
