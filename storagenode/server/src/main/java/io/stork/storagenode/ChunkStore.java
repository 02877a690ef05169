package io.stork.storagenode;

import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.runtime.data.ChunkBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One file per chunk under {@code <dir>/chunks/<first two hex digits>/<id>.chunk}.
 *
 * <p>A chunk file is a header ({@link ChunkHeader}: magic, the chunk's id, CRC32C of the data, data
 * length, and the header's own CRC32C) followed by the data. Keeping the checksum in the same file as
 * the bytes it covers means one fsync and one rename per chunk, and a checksum can never be separated
 * from its data; the id in the header makes a file of another chunk under this name a damaged replica.
 * Files of the older STK1 format (no id) still read. A write goes to a temporary file that
 * is fsynced, renamed over the final name and then the directory is fsynced, so a crash leaves
 * either the old state or the whole new chunk. Every read verifies the checksum.
 *
 * <p>Only a {@link ChunkId}, 32 hex digits, is ever turned into a file name. Safe for concurrent use on different ids (the storage node writes several chunks at once). Two
 * writes of one id land whole, one after the other; a delete racing a write of the same id may
 * leave the chunk in place, as an orphan that the name node's next reconciliation removes.
 */
public final class ChunkStore {
  private static final String SUFFIX = ".chunk";
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path chunksDir;
  /** Chunk id to data length, sorted by id (the scrubber walks it in order). */
  private final ConcurrentSkipListMap<ChunkId, Long> sizes = new ConcurrentSkipListMap<>();
  private final AtomicLong usedBytes = new AtomicLong();

  private ChunkStore(Path chunksDir) {
    this.chunksDir = chunksDir;
  }

  /** Opens (creating if needed) the store in {@code dataDir}, dropping temporaries of a crash. */
  public static ChunkStore open(Path dataDir) throws IOException {
    Path chunksDir = dataDir.resolve("chunks");
    Files.createDirectories(chunksDir);
    ChunkStore store = new ChunkStore(chunksDir);
    store.scan(true);
    return store;
  }

  /**
   * A look at a store that a running node owns, for tools, tests and fault injection: it lists and
   * reads, and leaves the files alone (a running node's temporaries are writes in progress).
   */
  public static ChunkStore inspect(Path dataDir) throws IOException {
    ChunkStore store = new ChunkStore(dataDir.resolve("chunks"));
    if (Files.isDirectory(store.chunksDir)) {
      store.scan(false);
    }
    return store;
  }

  private void scan(boolean removeTemporaries) throws IOException {
    try (Stream<Path> files = Files.walk(chunksDir, 2)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(TEMP_SUFFIX)) {
          if (removeTemporaries) {
            Files.deleteIfExists(file);
          }
        } else if (name.endsWith(SUFFIX) && Files.isRegularFile(file)) {
          ChunkId id = ChunkId.parseOrNull(name.substring(0, name.length() - SUFFIX.length()));
          if (id != null) {
            long size = dataBytes(file);
            sizes.put(id, size);
            usedBytes.addAndGet(size);
          }
        }
      }
    }
  }

  /** The data length a chunk file holds by its size and format; a damaged one is indexed anyway, for a read or the scrubber to find. */
  private static long dataBytes(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer magic = ByteBuffer.allocate(4);
      int headerBytes = ChunkHeader.bytesFor(ChunkHeader.readFully(channel, magic) == 4 ? magic.getInt(0) : 0);
      return Math.max(0, channel.size() - headerBytes);
    }
  }

  /** Stores a chunk durably; fails if {@code data} does not match {@code crc32c}. */
  public void put(ChunkId chunkId, byte[] data, int crc32c) throws IOException {
    Path target = pathOf(chunkId);
    if (Checksums.crc32c(data) != crc32c) {
      throw new ChunkCorruptedException("chunk " + chunkId + " arrived corrupted");
    }
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve(chunkId + "." + Thread.currentThread().getId() + TEMP_SUFFIX);
    ByteBuffer header = ChunkHeader.encode(chunkId, crc32c, data.length);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer body = ByteBuffer.wrap(data);
      while (header.hasRemaining() || body.hasRemaining()) {
        channel.write(new ByteBuffer[] {header, body});
      }
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    moveAtomically(temp, target);
    fsyncDirectory(dir);
    Long previous = sizes.put(chunkId, (long) data.length);
    usedBytes.addAndGet(data.length - (previous == null ? 0 : previous));
  }

  /**
   * Reads a chunk and verifies it against its stored checksum and, in STK2, the id its header names
   * (a file of another chunk under this name is damaged, as a flipped byte is). A chunk this store had, whose file
   * has vanished (deleted by hand, lost with a disk), is forgotten and reported as damaged.
   */
  public byte[] read(ChunkId chunkId) throws IOException {
    ChunkBuffer buffer = new ChunkBuffer();
    read(chunkId, buffer);
    return buffer.array(); // a new buffer's one fill is exactly the chunk
  }

  /** As {@link #read(ChunkId)}, into {@code buffer} (reused from read to read, so no new zeroed array per chunk). */
  public void read(ChunkId chunkId, ChunkBuffer buffer) throws IOException {
    Path file = pathOf(chunkId);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      readVerified(chunkId, channel, buffer);
    } catch (NoSuchFileException e) {
      if (forget(chunkId)) {
        throw new ChunkCorruptedException("chunk " + chunkId + " vanished from disk");
      }
      throw new NoSuchFileException("chunk " + chunkId + " is not on this node");
    }
  }

  /** The header, then the data straight into the buffer (no second copy of a 1 MiB chunk). */
  private static void readVerified(ChunkId chunkId, FileChannel channel, ChunkBuffer buffer) throws IOException {
    long fileSize = channel.size();
    ChunkHeader.Parsed header = ChunkHeader.read(chunkId, channel);
    long length = header.length();
    if (length != fileSize - header.headerBytes()) {
      throw new ChunkCorruptedException("chunk " + chunkId + " does not match the length in its header (truncated or extended)");
    }
    if (length > ChunkRef.MAX_SIZE) {
      throw new ChunkCorruptedException("chunk " + chunkId + " holds " + length + " bytes, more than a chunk can");
    }
    byte[] data = buffer.fill((int) length);
    if (ChunkHeader.readFully(channel, ByteBuffer.wrap(data, 0, (int) length)) < length) {
      throw new ChunkCorruptedException("chunk " + chunkId + " is truncated");
    }
    if (Checksums.crc32c(data, 0, (int) length) != header.crc32c()) {
      throw new ChunkCorruptedException("chunk " + chunkId + " fails its checksum");
    }
  }

  /** Deletes a chunk; returns false when it was not there. */
  public boolean delete(ChunkId chunkId) throws IOException {
    boolean deleted = Files.deleteIfExists(pathOf(chunkId));
    forget(chunkId);
    return deleted;
  }

  /**
   * Moves a chunk's file to {@code target} (a rename, so on this file system) and forgets the chunk;
   * false when it was not there. Neither directory is fsynced: the caller does it once for a batch.
   */
  boolean moveOut(ChunkId chunkId, Path target) throws IOException {
    boolean moved = true;
    try {
      moveAtomically(pathOf(chunkId), target);
    } catch (NoSuchFileException e) {
      moved = false;
    }
    forget(chunkId);
    return moved;
  }

  /** Drops a chunk from the index and the bytes used; false when it was not in it. */
  private boolean forget(ChunkId chunkId) {
    Long previous = sizes.remove(chunkId);
    if (previous != null) {
      usedBytes.addAndGet(-previous);
    }
    return previous != null;
  }

  public boolean contains(ChunkId chunkId) {
    return sizes.containsKey(chunkId);
  }

  /** The first chunk id after {@code chunkId} (null: the first of all) in id order, or null past the last. */
  public ChunkId chunkAfter(ChunkId chunkId) {
    if (chunkId == null) {
      return sizes.isEmpty() ? null : sizes.firstKey();
    }
    return sizes.higherKey(chunkId);
  }

  /** Chunk id to data length, a snapshot. */
  public Map<ChunkId, Long> chunks() {
    return Map.copyOf(sizes);
  }

  /** How many chunks it holds (a walk of the index, without a copy). */
  public int chunkCount() {
    return sizes.size();
  }

  public long usedBytes() {
    return usedBytes.get();
  }

  /** The file a chunk lives in; also used by fault injection to damage a replica on purpose. */
  public Path pathOf(ChunkId chunkId) {
    String hex = chunkId.toString();
    return chunksDir.resolve(hex.substring(0, 2)).resolve(hex + SUFFIX);
  }

  static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes a rename durable (POSIX: the directory entry lives in the directory). */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a directory for fsync; the rename still happened.
      if (!isDirectoryFsyncUnsupported(e)) {
        throw e;
      }
    }
  }

  private static boolean isDirectoryFsyncUnsupported(IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("Is a directory") || message.contains("Operation not permitted");
  }
}
