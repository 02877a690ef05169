package io.stork.storagenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.StorageNodeProtocol.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The arithmetic of a node's room, with the file system's free space as a number the test sets. */
class DiskSpaceTest {
  private static final long MIB = 1 << 20;
  private final AtomicLong fileSystemFree = new AtomicLong();

  private DiskSpace space(long limit, long reserve) {
    return new DiskSpace("sn-1", limit, reserve, fileSystemFree::get, "dev:7");
  }

  @Test
  void theRoomIsTheSmallerOfTheLimitAndTheDiskLessTheReserve() {
    DiskSpace space = space(100 * MIB, 10 * MIB);
    fileSystemFree.set(1000 * MIB);
    assertEquals(60 * MIB, space.free(40 * MIB), "the configured limit binds");
    assertEquals(100 * MIB, space.capacity(40 * MIB));
    fileSystemFree.set(30 * MIB);
    assertEquals(20 * MIB, space.free(40 * MIB), "the disk binds, less the reserve");
    assertEquals(60 * MIB, space.capacity(40 * MIB), "capacity: what it holds and the room it has");
    fileSystemFree.set(5 * MIB);
    assertEquals(0, space.free(40 * MIB), "inside the reserve: full before the disk is");
    assertEquals(40 * MIB, space.capacity(40 * MIB));
    assertEquals(0, space(10 * MIB, 0).free(40 * MIB), "over the limit (a limit lowered since): no room, never less");
  }

  @Test
  void writesInProgressTakeTheirRoomUntilSettled() {
    DiskSpace space = space(100 * MIB, 0);
    fileSystemFree.set(3 * MIB);
    assertTrue(space.claim(0, 2 * MIB));
    assertFalse(space.claim(0, 2 * MIB), "the first write's room is taken");
    assertTrue(space.claim(0, MIB));
    assertEquals(0, space.free(0));
    space.settle(2 * MIB);
    assertEquals(2 * MIB, space.free(0));
    assertTrue(space.claim(0, 0), "a chunk written again takes no room");
  }

  @Test
  void aRefusalNamesTheNodeWhatIsFreeAndTheReserve() {
    fileSystemFree.set(3 * MIB + 64 * MIB);
    assertEquals("no space on sn-1 (3 MiB free, 64 MiB kept in reserve)", space(1L << 40, 64 * MIB).refusal(0));
    fileSystemFree.set(512 << 10);
    assertEquals("no space on sn-1 (512 KiB free)", space(1L << 40, 0).refusal(0));
  }

  @Test
  void aReportGoesOutWhenTheRoomMovesByAStepOrAnEighthOfWhatIsLeft() {
    DiskSpace space = space(1L << 40, 0);
    fileSystemFree.set(1000 * MIB);
    Usage first = space.report(0);
    assertEquals(new Usage("sn-1", 0, 1000 * MIB, "dev:7", 1000 * MIB), first);
    fileSystemFree.set(1000 * MIB - 100_000);
    assertNull(space.reportIfChanged(0), "less than a step");
    fileSystemFree.set(998 * MIB);
    assertNotNull(space.reportIfChanged(0));
    fileSystemFree.set(2 * MIB);
    assertEquals(2 * MIB, space.reportIfChanged(0).capacityBytes());
    fileSystemFree.set(1800 << 10);
    assertNotNull(space.reportIfChanged(0), "near full, 248 KiB is more than an eighth of the room");
    fileSystemFree.set((1800 << 10) - 2000);
    assertNull(space.reportIfChanged(0), "below a page is never news");
  }

  @Test
  void noSpaceIsTheFileSystemSayingItIsFullAnywhereInTheCauses() {
    assertTrue(DiskSpace.isNoSpace(new IOException("No space left on device")));
    assertTrue(DiskSpace.isNoSpace(new FileSystemException("/d/chunks/ab", null, "No space left on device")));
    assertTrue(DiskSpace.isNoSpace(new UncheckedIOException(new IOException("Disk quota exceeded"))));
    assertFalse(DiskSpace.isNoSpace(new IOException("Input/output error")));
    assertFalse(DiskSpace.isNoSpace(new IllegalStateException("No space left on device")), "only an I/O failure says so");
    assertFalse(DiskSpace.isNoSpace(null));
  }

  @Test
  void trashCountsAsRoomAndIsWhatAWriteIsShortOfOnTheDisk() {
    AtomicLong trash = new AtomicLong(5 * MIB);
    DiskSpace space = new DiskSpace("sn-1", 100 * MIB, MIB, fileSystemFree::get, "dev:7", trash::get);
    fileSystemFree.set(3 * MIB);
    assertEquals(7 * MIB, space.free(0), "2 MiB on the disk beside the reserve, and 5 MiB of trash to empty");
    assertEquals(new Usage("sn-1", 0, 7 * MIB, "dev:7", 7 * MIB), space.report(0));
    assertTrue(space.claim(0, MIB));
    assertEquals(0, space.shortOnDisk(), "the disk holds it as it is");
    assertTrue(space.claim(0, 4 * MIB));
    assertEquals(3 * MIB, space.shortOnDisk(), "the trash must give up 3 MiB for the writes in progress");
    assertFalse(space.claim(0, 3 * MIB), "past the trash too: refused");
    trash.set(2 * MIB);
    fileSystemFree.set(6 * MIB);
    assertEquals(0, space.shortOnDisk(), "emptied: the disk has the room now");
    assertEquals(2 * MIB, space.free(0));
  }
}
