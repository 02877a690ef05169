package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkAssemblerTest {

  @Test
  void cutsFramesOfAnySizeIntoFullChunksAndOneShortLastChunk() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int chunkSize = 1 + random.nextInt(100);
      byte[] content = new byte[random.nextInt(1000)];
      random.nextBytes(content);
      ChunkAssembler assembler = new ChunkAssembler(chunkSize);
      List<byte[]> chunks = new ArrayList<>();
      int offset = 0;
      while (offset < content.length) {
        int frame = Math.min(content.length - offset, random.nextInt(3 * chunkSize + 1));
        byte[] piece = new byte[frame];
        System.arraycopy(content, offset, piece, 0, frame);
        chunks.addAll(assembler.add(piece));
        offset += frame;
      }
      byte[] last = assembler.finish();
      if (last != null) {
        chunks.add(last);
      }
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (int i = 0; i < chunks.size(); i++) {
        if (i < chunks.size() - 1) {
          assertEquals(chunkSize, chunks.get(i).length);
        }
        joined.writeBytes(chunks.get(i));
      }
      assertArrayEquals(content, joined.toByteArray());
      assertEquals((content.length + chunkSize - 1) / chunkSize, chunks.size());
    }
  }

  @Test
  void emptyContentHasNoChunkAndAnExactMultipleHasNoShortOne() {
    assertNull(new ChunkAssembler(4).finish());
    ChunkAssembler assembler = new ChunkAssembler(4);
    assertEquals(2, assembler.add(new byte[8]).size());
    assertNull(assembler.finish());
  }

  @Test
  void aFrameOfExactlyOneChunkIsTakenWithoutACopy() {
    ChunkAssembler assembler = new ChunkAssembler(4);
    byte[] frame = {1, 2, 3, 4};
    assertSame(frame, assembler.add(frame).get(0));
    assertEquals(List.of(), assembler.add(new byte[] {5}));
    assertArrayEquals(new byte[] {5}, assembler.finish());
  }
}
