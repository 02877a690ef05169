package io.stork.storagenode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrubberTest {

  @Test
  void findsADamagedChunkOnItsPassAndStartsOverAfterTheLast(@TempDir Path dir) throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    List<ChunkId> ids = List.of(ChunkId.random(), ChunkId.random(), ChunkId.random());
    for (ChunkId id : ids) {
      byte[] data = new byte[100];
      store.put(id, data, Checksums.crc32c(data));
    }
    ChunkId rotten = ids.get(1);
    byte[] file = Files.readAllBytes(store.pathOf(rotten));
    file[file.length - 1] ^= 1;
    Files.write(store.pathOf(rotten), file);

    Scrubber scrubber = new Scrubber(store);
    List<Scrubber.Damage> damage = scrubber.verifyNext(Long.MAX_VALUE);
    assertEquals(List.of(rotten), damage.stream().map(Scrubber.Damage::chunkId).toList());
    assertEquals(1, scrubber.verifyNext(Long.MAX_VALUE).size(), "a new pass from the first chunk");
  }

  /** Small chunks cost at least {@link Scrubber#MIN_COST_PER_CHUNK} each: a budget reads few of them. */
  @Test
  void countsEverySmallChunkAsAFileToOpen(@TempDir Path dir) throws IOException {
    ChunkStore store = ChunkStore.open(dir);
    for (int i = 0; i < 10; i++) {
      byte[] data = new byte[1024];
      store.put(ChunkId.random(), data, Checksums.crc32c(data));
    }
    ChunkId first = store.chunkAfter(null);
    ChunkId third = store.chunkAfter(store.chunkAfter(first));
    ChunkId fourth = store.chunkAfter(third);
    for (ChunkId id : List.of(third, fourth)) {
      Files.write(store.pathOf(id), new byte[] {1, 2, 3});
    }
    Scrubber scrubber = new Scrubber(store);
    assertEquals(List.of(third), scrubber.verifyNext(3 * Scrubber.MIN_COST_PER_CHUNK).stream().map(Scrubber.Damage::chunkId).toList(),
        "three chunks within the budget: the third is found, the fourth is not reached");
    assertEquals(List.of(fourth), scrubber.verifyNext(Scrubber.MIN_COST_PER_CHUNK).stream().map(Scrubber.Damage::chunkId).toList(),
        "the next tick goes on from the cursor");
  }
}
