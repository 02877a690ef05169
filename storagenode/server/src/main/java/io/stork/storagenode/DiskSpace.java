package io.stork.storagenode;

import io.stork.protocol.ByteSizes;
import io.stork.protocol.StorageNodeProtocol.Usage;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The room a storage node has for chunks: the smaller of its configured limit and what its file
 * system has free, less a reserve kept for whatever else lives on that disk (a journal, logs, the
 * system), so that the node counts as full before the disk is. Writes in progress count as taken.
 * The file system is asked afresh each time (a statvfs, about 2 µs), so a disk that others fill or
 * free is seen at once. Room that trash ({@link Trash}) takes counts as room: trash is emptied,
 * oldest first, when a write needs it ({@link #shortOnDisk}). Used on the storage node's thread only.
 */
final class DiskSpace {
  /**
   * A change of the capacity or of the volume's free space smaller than this, or than an eighth of
   * the room left (a full node's small changes matter), is not worth a report; nor one below a page.
   */
  static final long REPORT_STEP = 1 << 20;
  private static final long PAGE = 4096;

  private final String nodeId;
  private final long limit;
  private final long reserve;
  private final LongSupplier fileSystemFree;
  private final String volume;
  private final LongSupplier reclaimable;
  private long inFlight;
  private Usage reported;

  DiskSpace(String nodeId, long limit, long reserve, LongSupplier fileSystemFree, String volume) {
    this(nodeId, limit, reserve, fileSystemFree, volume, () -> 0);
  }

  /** @param reclaimable bytes on the disk that may be freed when a write needs them (the trash) */
  DiskSpace(String nodeId, long limit, long reserve, LongSupplier fileSystemFree, String volume, LongSupplier reclaimable) {
    this.reclaimable = reclaimable;
    this.nodeId = nodeId;
    this.limit = limit;
    this.reserve = reserve;
    this.fileSystemFree = fileSystemFree;
    this.volume = volume;
  }

  /** The space of {@code settings}' data directory, which must exist, where {@code reclaimable} bytes may be freed. */
  static DiskSpace of(StorageNodeSettings settings, LongSupplier reclaimable) throws IOException {
    Path dir = settings.dataDir();
    FileStore store = Files.getFileStore(dir);
    LongSupplier free = () -> {
      try {
        return store.getUsableSpace();
      } catch (IOException e) {
        return Long.MAX_VALUE; // the directory gone, say: the configured limit alone counts, and writes say what is wrong
      }
    };
    return new DiskSpace(settings.nodeId(), settings.capacityBytes(), settings.reserveBytes(), free, volumeOf(dir), reclaimable);
  }

  /** The device the directory lives on ("" where the platform does not say): nodes on one device share its space. */
  private static String volumeOf(Path dir) {
    try {
      return "dev:" + Files.getAttribute(dir, "unix:dev");
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      return "";
    }
  }

  /** Room for more chunks, beside {@code used} bytes held and the writes in progress. */
  long free(long used) {
    return Math.max(0, room(used) - inFlight);
  }

  /** What the node may hold in all: what it holds and the room it has. */
  long capacity(long used) {
    return used + Math.max(0, room(used));
  }

  private long room(long used) {
    return Math.min(limit - used, volumeFree());
  }

  /** The file system's free space less the reserve, and what may be reclaimed. */
  private long volumeFree() {
    return diskFree() + reclaimable.getAsLong();
  }

  private long diskFree() {
    return Math.max(0, fileSystemFree.getAsLong() - reserve);
  }

  /** Bytes of the writes in progress that the disk cannot hold unless that many reclaimable bytes are freed. */
  long shortOnDisk() {
    return Math.max(0, inFlight - diskFree());
  }

  /** Takes room for a write of {@code bytes}, until {@link #settle}; false when there is none. */
  boolean claim(long used, long bytes) {
    if (free(used) < bytes) {
      return false;
    }
    inFlight += bytes;
    return true;
  }

  /** A write claimed with {@link #claim} is done (stored, or failed). */
  void settle(long bytes) {
    inFlight = Math.max(0, inFlight - bytes);
  }

  /** "no space on sn-2 (3 MiB free, 64 MiB kept in reserve)": a refusal's message. */
  String refusal(long used) {
    return "no space on " + nodeId + " (" + ByteSizes.format(free(used)) + " free"
        + (reserve > 0 ? ", " + ByteSizes.format(reserve) + " kept in reserve" : "") + ")";
  }

  /** Whether {@code failure} is the file system saying it is full (ENOSPC, or a quota: EDQUOT). */
  static boolean isNoSpace(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (cause instanceof IOException && message != null
          && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
        return true;
      }
    }
    return false;
  }

  /** The node's usage now, remembered as told to the name node. */
  Usage report(long used) {
    reported = new Usage(nodeId, used, capacity(used), volume, volumeFree());
    return reported;
  }

  /** The usage to tell the name node when it has changed by a step or more since the last report; else null. */
  Usage reportIfChanged(long used) {
    Usage now = new Usage(nodeId, used, capacity(used), volume, volumeFree());
    long step = Math.max(PAGE, Math.min(REPORT_STEP, Math.min(roomOf(reported), roomOf(now)) / 8));
    if (reported != null && Math.abs(now.capacityBytes() - reported.capacityBytes()) < step
        && Math.abs(now.volumeFreeBytes() - reported.volumeFreeBytes()) < step) {
      return null;
    }
    reported = now;
    return now;
  }

  private static long roomOf(Usage usage) {
    return usage == null ? 0 : usage.capacityBytes() - usage.usedBytes();
  }
}
