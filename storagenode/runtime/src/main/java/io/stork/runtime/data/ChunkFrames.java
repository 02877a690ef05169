package io.stork.runtime.data;

import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ErrorKind;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The data channel's wire format: a request is a store of one chunk (forwarded along a pipeline),
 * a read of one, or a watch ({@link DataWatch}); a read is answered with the bytes or a refusal. Everything a peer sends is
 * bounded and checked before it is believed: the magic, the operation, the sizes, the strings.
 *
 * <pre>
 * request  = int magic, byte op, body
 * store    = long idHigh, long idLow, int crc32c, int length, str replyTo, byte hops, hop*, byte[length]
 * hop      = str nodeId, str actorPath, str dataAddress
 * read     = long idHigh, long idLow
 * watch    = (nothing): answered with byte WATCHING, then the connection stays open and quiet
 * answer   = byte 0, int length, byte[length]  |  byte (1 + error kind), str message
 * str      = unsigned short length, UTF-8 bytes
 * </pre>
 */
public final class ChunkFrames {
  static final int MAGIC = 0x53544b44; // "STKD"
  static final byte STORE = 1;
  static final byte READ = 2;
  static final byte WATCH = 3;
  static final byte WATCHING = 0x57;
  /** The most nodes a pipeline forwards to after the first: more than any replication factor needs. */
  static final int MAX_HOPS = 16;
  static final int MAX_STRING_BYTES = 4096;

  private ChunkFrames() {}

  /** One node further down a pipeline, as the data channel names it. */
  public record Hop(String nodeId, String actorPath, String dataAddress) {}

  /** A request, as read from a peer. */
  public sealed interface Request permits Store, Read, Watch {}

  public record Store(ChunkId chunkId, int crc32c, String replyTo, List<Hop> pipeline, byte[] data) implements Request {}

  public record Read(ChunkId chunkId) implements Request {}

  /** The peer keeps this connection open to learn when this process is gone. */
  public record Watch() implements Request {}

  /**
   * The answer to a read: the chunk (the first {@code length} bytes of {@code data}), or why not
   * ({@code refusal} non-null). A server answers from its connection's {@link ChunkBuffer}; an
   * answer read by a client has an array of its own, of exactly the chunk's length.
   */
  public record Answer(byte[] data, int length, ErrorKind refusal, String message) {
    public static Answer chunk(byte[] data) {
      return new Answer(data, data.length, null, null);
    }

    public static Answer chunk(ChunkBuffer buffer) {
      return new Answer(buffer.array(), buffer.length(), null, null);
    }

    public static Answer refused(ErrorKind refusal, String message) {
      return new Answer(null, 0, refusal, message);
    }
  }

  public static void writeStore(DataOutputStream out, Store store) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(STORE);
    writeId(out, store.chunkId());
    out.writeInt(store.crc32c());
    out.writeInt(store.data().length);
    writeString(out, store.replyTo());
    out.writeByte(store.pipeline().size());
    for (Hop hop : store.pipeline()) {
      writeString(out, hop.nodeId());
      writeString(out, hop.actorPath());
      writeString(out, hop.dataAddress());
    }
    out.write(store.data());
    out.flush();
  }

  public static void writeRead(DataOutputStream out, ChunkId chunkId) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(READ);
    writeId(out, chunkId);
    out.flush();
  }

  public static void writeWatch(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(WATCH);
    out.flush();
  }

  /** The server's answer to a watch: it is watched from now on. */
  public static void writeWatching(DataOutputStream out) throws IOException {
    out.writeByte(WATCHING);
    out.flush();
  }

  public static void readWatching(DataInputStream in) throws IOException {
    if (in.readUnsignedByte() != WATCHING) {
      throw new ProtocolException("not an answer to a watch");
    }
  }

  /** The next request, or null at a clean end of the stream; ProtocolException for anything malformed. */
  public static Request readRequest(DataInputStream in) throws IOException {
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException end) {
      return null;
    }
    if (magic != MAGIC) {
      throw new ProtocolException("not a Stork data channel request");
    }
    byte op = in.readByte();
    if (op == READ) {
      return new Read(readId(in));
    }
    if (op == WATCH) {
      return new Watch();
    }
    if (op != STORE) {
      throw new ProtocolException("unknown operation " + op);
    }
    ChunkId chunkId = readId(in);
    int crc32c = in.readInt();
    int length = in.readInt();
    if (length < 0 || length > ChunkRef.MAX_SIZE) {
      throw new ProtocolException("a chunk of " + length + " bytes");
    }
    String replyTo = readString(in);
    int hops = in.readUnsignedByte();
    if (hops > MAX_HOPS) {
      throw new ProtocolException("a pipeline of " + hops + " nodes");
    }
    List<Hop> pipeline = new ArrayList<>(hops);
    for (int i = 0; i < hops; i++) {
      pipeline.add(new Hop(readString(in), readString(in), readString(in)));
    }
    byte[] data = new byte[length];
    in.readFully(data);
    return new Store(chunkId, crc32c, replyTo, List.copyOf(pipeline), data);
  }

  public static void writeAnswer(DataOutputStream out, Answer answer) throws IOException {
    if (answer.refusal() == null) {
      out.writeByte(0);
      out.writeInt(answer.length());
      out.write(answer.data(), 0, answer.length());
    } else {
      out.writeByte(1 + answer.refusal().ordinal());
      writeString(out, answer.message());
    }
    out.flush();
  }

  public static Answer readAnswer(DataInputStream in) throws IOException {
    int status = in.readUnsignedByte();
    if (status == 0) {
      int length = in.readInt();
      if (length < 0 || length > ChunkRef.MAX_SIZE) {
        throw new ProtocolException("an answer of " + length + " bytes");
      }
      byte[] data = new byte[length];
      in.readFully(data);
      return Answer.chunk(data);
    }
    if (status > ErrorKind.values().length) {
      throw new ProtocolException("unknown answer " + status);
    }
    return Answer.refused(ErrorKind.values()[status - 1], readString(in));
  }

  private static void writeId(DataOutputStream out, ChunkId id) throws IOException {
    out.writeLong(id.high());
    out.writeLong(id.low());
  }

  private static ChunkId readId(DataInputStream in) throws IOException {
    return new ChunkId(in.readLong(), in.readLong()); // any 128 bits name a chunk: its file name is their hex
  }

  private static void writeString(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_STRING_BYTES) {
      throw new ProtocolException("a string of " + bytes.length + " bytes");
    }
    out.writeShort(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readUnsignedShort();
    if (length > MAX_STRING_BYTES) {
      throw new ProtocolException("a string of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A peer sent something that is not a well-formed frame: the connection is closed. */
  public static final class ProtocolException extends IOException {
    public ProtocolException(String message) {
      super("malformed data channel frame: " + message);
    }
  }
}
