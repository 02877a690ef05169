package io.stork.storagenode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk files name their chunk (STK2); a file of another chunk in a chunk's place is a damaged replica; STK1 still reads. */
class ChunkHeaderTest {
  @TempDir Path dir;

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static ChunkId put(ChunkStore store, byte[] data) throws IOException {
    ChunkId id = ChunkId.random();
    store.put(id, data, Checksums.crc32c(data));
    return id;
  }

  @Test
  void writesTheStk2HeaderNamingTheChunk() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    byte[] data = random(100, 1);
    ChunkId id = put(store, data);
    ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(store.pathOf(id)));
    assertEquals(ChunkHeader.STK2_BYTES + 100, file.capacity());
    assertEquals(ChunkHeader.STK2, file.getInt());
    assertEquals(id, new ChunkId(file.getLong(), file.getLong()));
    assertEquals(Checksums.crc32c(data), file.getInt());
    assertEquals(100, file.getLong());
  }

  @Test
  void anotherChunksFileInAChunksPlaceIsDamaged() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    byte[] a = random(500, 2);
    byte[] b = random(500, 3);
    ChunkId idA = put(store, a);
    ChunkId idB = put(store, b);
    Files.copy(store.pathOf(idB), store.pathOf(idA), StandardCopyOption.REPLACE_EXISTING);

    ChunkCorruptedException damaged = assertThrows(ChunkCorruptedException.class, () -> store.read(idA));
    assertTrue(damaged.getMessage().contains("holds chunk " + idB), damaged.getMessage());
    assertArrayEquals(b, store.read(idB), "the file copied from is intact");
    assertThrows(ChunkCorruptedException.class, () -> ChunkStore.open(dir).read(idA), "and after a restart");
  }

  @Test
  void aFlippedBitAnywhereInTheHeaderIsFound() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    byte[] data = random(300, 4);
    ChunkId id = put(store, data);
    byte[] intact = Files.readAllBytes(store.pathOf(id));
    for (int offset = 0; offset < ChunkHeader.STK2_BYTES; offset++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] file = intact.clone();
        file[offset] ^= (byte) (1 << bit);
        Files.write(store.pathOf(id), file);
        int at = offset;
        assertThrows(ChunkCorruptedException.class, () -> store.read(id), "bit " + bit + " of header byte " + at);
      }
    }
    Files.write(store.pathOf(id), intact);
    assertArrayEquals(data, store.read(id));
  }

  @Test
  void aFlippedByteInTheIdIsCaughtByTheHeadersChecksum() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    byte[] data = random(300, 5);
    ChunkId id = put(store, data);
    byte[] file = Files.readAllBytes(store.pathOf(id));
    file[10] ^= 0x20; // inside the id (bytes 4 to 19)
    Files.write(store.pathOf(id), file);
    ChunkCorruptedException damaged = assertThrows(ChunkCorruptedException.class, () -> store.read(id));
    assertTrue(damaged.getMessage().contains("fails its checksum"), damaged.getMessage());
  }

  /** A file of the first format, as a node wrote it before STK2: it reads, and counts its data alone. */
  @Test
  void stk1FilesStillRead() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    byte[] data = random(1000, 6);
    ChunkId id = ChunkId.random();
    Path file = store.pathOf(id);
    Files.createDirectories(file.getParent());
    Files.write(file, ByteBuffer.allocate(ChunkHeader.STK1_BYTES + data.length)
        .putInt(ChunkHeader.STK1).putInt(Checksums.crc32c(data)).putLong(data.length).put(data).array());
    byte[] newer = random(200, 7);
    ChunkId stk2 = put(store, newer);

    ChunkStore reopened = ChunkStore.open(dir);
    assertEquals(1200, reopened.usedBytes(), "each file's own header length is left out");
    assertArrayEquals(data, reopened.read(id));
    assertArrayEquals(newer, reopened.read(stk2));

    byte[] rotten = Files.readAllBytes(file);
    rotten[500] ^= 1;
    Files.write(file, rotten);
    assertThrows(ChunkCorruptedException.class, () -> reopened.read(id), "an STK1 file still fails its checksum");
  }

  @Test
  void theScrubberFindsAChunkFileReplacedByAnothersAndPassesTheRest() throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    List<ChunkId> ids = List.of(put(store, random(100, 8)), put(store, random(100, 9)), put(store, random(100, 10)));
    ChunkId replaced = ids.get(0);
    Files.copy(store.pathOf(ids.get(2)), store.pathOf(replaced), StandardCopyOption.REPLACE_EXISTING);

    List<Scrubber.Damage> damage = new Scrubber(store).verifyNext(Long.MAX_VALUE);
    assertEquals(List.of(replaced), damage.stream().map(Scrubber.Damage::chunkId).toList());
    assertTrue(damage.get(0).cause().getMessage().contains("holds chunk " + ids.get(2)), damage.get(0).cause().getMessage());
  }
}
