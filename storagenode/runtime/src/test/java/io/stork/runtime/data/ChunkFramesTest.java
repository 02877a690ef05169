package io.stork.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data channel's frames: what is written reads back, and what a peer forges is refused before it is believed. */
class ChunkFramesTest {
  static final ChunkId ID = ChunkId.random();

  private interface Writing {
    void to(DataOutputStream out) throws IOException;
  }

  private static DataInputStream bytes(Writing writing) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buffer);
    writing.to(out);
    out.flush();
    return new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()));
  }

  @Test
  void aStoreAReadAndBothAnswersReadBackAsWritten() throws IOException {
    byte[] data = new byte[300_000];
    Arrays.fill(data, (byte) 7);
    List<ChunkFrames.Hop> hops = List.of(new ChunkFrames.Hop("sn-2", "pekko://stork@h:1/user/storage-node#5", "h:2"),
        new ChunkFrames.Hop("sn-3", "pekko://stork@h:3/user/storage-node#6", "日本:4"));
    ChunkFrames.Store store = new ChunkFrames.Store(ID, 42, "pekko://stork@c:9/temp/x", hops, data);
    DataInputStream in = bytes(out -> {
      ChunkFrames.writeStore(out, store);
      ChunkFrames.writeRead(out, ID);
      ChunkFrames.writeWatch(out);
    });
    ChunkFrames.Store back = (ChunkFrames.Store) ChunkFrames.readRequest(in);
    assertEquals(List.of(ID, 42, store.replyTo(), hops), List.of(back.chunkId(), back.crc32c(), back.replyTo(), back.pipeline()));
    assertArrayEquals(data, back.data());
    assertEquals(new ChunkFrames.Read(ID), ChunkFrames.readRequest(in));
    assertEquals(new ChunkFrames.Watch(), ChunkFrames.readRequest(in));
    assertNull(ChunkFrames.readRequest(in), "a clean end of the stream");

    ChunkBuffer reused = new ChunkBuffer();
    reused.fill(8);
    System.arraycopy(new byte[] {7, 8}, 0, reused.fill(2), 0, 2);
    DataInputStream answers = bytes(out -> {
      ChunkFrames.writeAnswer(out, ChunkFrames.Answer.chunk(new byte[] {1, 2, 3}));
      ChunkFrames.writeAnswer(out, ChunkFrames.Answer.chunk(reused));
      ChunkFrames.writeAnswer(out, ChunkFrames.Answer.refused(ErrorKind.CORRUPT, "fails its checksum"));
    });
    assertArrayEquals(new byte[] {1, 2, 3}, ChunkFrames.readAnswer(answers).data());
    assertArrayEquals(new byte[] {7, 8}, ChunkFrames.readAnswer(answers).data(), "only the chunk of a buffer that held a larger one");
    assertEquals(ChunkFrames.Answer.refused(ErrorKind.CORRUPT, "fails its checksum"), ChunkFrames.readAnswer(answers));

    ChunkFrames.readWatching(bytes(ChunkFrames::writeWatching));
    ChunkFrames.ProtocolException notWatching = assertThrows(ChunkFrames.ProtocolException.class,
        () -> ChunkFrames.readWatching(bytes(out -> out.writeByte(0))));
    assertEquals("malformed data channel frame: not an answer to a watch", notWatching.getMessage());
  }

  @Test
  void forgedFramesAreRefusedBeforeAnyLargeAllocation() throws IOException {
    assertForged(out -> out.writeInt(0x12345678), "not a Stork data channel request");
    assertForged(out -> {
      out.writeInt(ChunkFrames.MAGIC);
      out.writeByte(9);
    }, "unknown operation 9");
    assertForged(out -> storeHeader(out, ChunkRef.MAX_SIZE + 1), "a chunk of " + (ChunkRef.MAX_SIZE + 1) + " bytes");
    assertForged(out -> storeHeader(out, -1), "a chunk of -1 bytes");
    assertForged(out -> {
      storeHeader(out, 10);
      out.writeShort(0);
      out.writeByte(200);
    }, "a pipeline of 200 nodes");
    assertForged(out -> {
      storeHeader(out, 10);
      out.writeShort(60_000);
    }, "a string of 60000 bytes");
    assertForged(out -> {
      out.writeByte(0);
      out.writeInt(Integer.MAX_VALUE);
    }, "an answer of " + Integer.MAX_VALUE + " bytes", true);
    assertForged(out -> out.writeByte(200), "unknown answer 200", true);
    // Cut short: the stream ends inside a frame.
    DataInputStream cut = bytes(out -> {
      storeHeader(out, 10);
      out.writeShort(0);
      out.writeByte(0);
      out.write(new byte[3]);
    });
    assertThrows(EOFException.class, () -> ChunkFrames.readRequest(cut));
  }

  private static void storeHeader(DataOutputStream out, int length) throws IOException {
    out.writeInt(ChunkFrames.MAGIC);
    out.writeByte(ChunkFrames.STORE);
    out.writeLong(ID.high());
    out.writeLong(ID.low());
    out.writeInt(0);
    out.writeInt(length);
  }

  private static void assertForged(Writing forged, String why) throws IOException {
    assertForged(forged, why, false);
  }

  private static void assertForged(Writing forged, String why, boolean answer) throws IOException {
    DataInputStream in = bytes(forged);
    ChunkFrames.ProtocolException refused = assertThrows(ChunkFrames.ProtocolException.class,
        () -> {
          if (answer) {
            ChunkFrames.readAnswer(in);
          } else {
            ChunkFrames.readRequest(in);
          }
        });
    assertEquals("malformed data channel frame: " + why, refused.getMessage());
    assertInstanceOf(IOException.class, refused);
  }
}
