package io.stork.storagenode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkStoreTest {
  @TempDir Path dir;

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  @Test
  void storesReadsAndDeletesChunksOfAnySize() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    for (int size : new int[] {0, 1, 4096, 1 << 20}) {
      ChunkId id = ChunkId.random();
      byte[] data = random(size, size);
      store.put(id, data, Checksums.crc32c(data));
      assertArrayEquals(data, store.read(id));
      assertTrue(store.contains(id));
      assertTrue(store.delete(id));
      assertFalse(store.contains(id));
      assertThrows(NoSuchFileException.class, () -> store.read(id));
    }
    assertEquals(0, store.usedBytes());
  }

  @Test
  void refusesDataThatDoesNotMatchItsChecksum() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    byte[] data = random(100, 1);
    ChunkId id = ChunkId.random();
    assertThrows(ChunkCorruptedException.class, () -> store.put(id, data, Checksums.crc32c(data) + 1));
    assertFalse(store.contains(id));
    assertFalse(Files.exists(store.pathOf(id)));
  }

  @Test
  void detectsAFlippedByteOnDisk() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    byte[] data = random(1000, 2);
    ChunkId id = ChunkId.random();
    store.put(id, data, Checksums.crc32c(data));
    try (RandomAccessFile file = new RandomAccessFile(store.pathOf(id).toFile(), "rw")) {
      file.seek(500);
      int b = file.read();
      file.seek(500);
      file.write(b ^ 0x01);
    }
    assertThrows(ChunkCorruptedException.class, () -> store.read(id));
  }

  @Test
  void aChunkWhoseFileVanishedIsForgottenAndReportedAsDamaged() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    byte[] data = random(700, 6);
    ChunkId id = ChunkId.random();
    store.put(id, data, Checksums.crc32c(data));
    Files.delete(store.pathOf(id));
    assertThrows(ChunkCorruptedException.class, () -> store.read(id));
    assertFalse(store.contains(id));
    assertEquals(0, store.usedBytes());
    assertThrows(NoSuchFileException.class, () -> store.read(id), "reported once; then simply not here");
  }

  @Test
  void detectsATruncatedChunk() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    byte[] data = random(1000, 3);
    ChunkId id = ChunkId.random();
    store.put(id, data, Checksums.crc32c(data));
    try (RandomAccessFile file = new RandomAccessFile(store.pathOf(id).toFile(), "rw")) {
      file.setLength(600);
    }
    assertThrows(ChunkCorruptedException.class, () -> store.read(id));
  }

  /** Every way a chunk file can lie about itself is a damaged replica, never an exception of another kind or a huge array. */
  @Test
  void detectsDamagedHeadersAndLengthsThatDoNotFit() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    long tooLong = ChunkRef.MAX_SIZE + 1L;
    List<byte[]> headers = List.of(new byte[0], new byte[] {0x53, 0x54, 0x4b},
        java.nio.ByteBuffer.allocate(16).putInt(0x12345678).putInt(0).putLong(0).array(),
        java.nio.ByteBuffer.allocate(16).putInt(0x53544b31).putInt(0).putLong(tooLong).array());
    for (byte[] header : headers) {
      byte[] data = random(100, 9);
      ChunkId id = ChunkId.random();
      store.put(id, data, Checksums.crc32c(data));
      Files.write(store.pathOf(id), header);
      if (header.length == 16 && java.nio.ByteBuffer.wrap(header).getLong(8) == tooLong) {
        try (RandomAccessFile file = new RandomAccessFile(store.pathOf(id).toFile(), "rw")) {
          file.setLength(16 + tooLong); // sparse: costs no disk
        }
      }
      assertThrows(ChunkCorruptedException.class, () -> store.read(id), "header of " + header.length + " bytes");
    }
    byte[] data = random(100, 10);
    ChunkId extended = ChunkId.random();
    store.put(extended, data, Checksums.crc32c(data));
    Files.write(store.pathOf(extended), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    assertThrows(ChunkCorruptedException.class, () -> store.read(extended), "longer than its header says");
  }

  @Test
  void reopeningFindsEveryChunkAndDropsLeftoverTemporaries() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    byte[] a = random(300, 4);
    byte[] b = random(700, 5);
    ChunkId idA = ChunkId.random();
    ChunkId idB = ChunkId.random();
    store.put(idA, a, Checksums.crc32c(a));
    store.put(idB, b, Checksums.crc32c(b));
    Path leftover = store.pathOf(idA).resolveSibling(idA + ".99.tmp");
    Files.write(leftover, new byte[] {1, 2, 3});

    ChunkStore reopened = ChunkStore.open(dir);
    assertEquals(2, reopened.chunks().size());
    assertEquals(1000, reopened.usedBytes());
    assertArrayEquals(b, reopened.read(idB));
    assertFalse(Files.exists(leftover));
  }

  @Test
  void neverTurnsAnInvalidIdIntoAPath() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    for (String bad : new String[] {"../../etc/passwd", "", "ABCDEF0123456789abcdef0123456789", "0123456789abcdef0123456789abcde/",
        "0123456789abcdef0123456789abcdef0", "..", null}) {
      assertThrows(IllegalArgumentException.class, () -> store.put(ChunkId.parse(bad), new byte[1], Checksums.crc32c(new byte[1])));
      assertThrows(IllegalArgumentException.class, () -> store.read(ChunkId.parse(bad)));
      assertThrows(IllegalArgumentException.class, () -> store.delete(ChunkId.parse(bad)));
    }
    try (Stream<Path> files = Files.walk(dir)) {
      assertEquals(Set.of(dir, dir.resolve("chunks")), files.collect(Collectors.toSet()), "nothing was written");
    }
  }
}
