package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void rendersBarPercentBytesRateAndEta() {
    assertEquals("get big [###############...............]  50%  50 MiB / 100 MiB  25 MiB/s  ETA 2s",
        ProgressBar.render("get big", 50L << 20, 100L << 20, 2 * SECOND, null, 100));
  }

  @Test
  void showsRetriesWhenThereIsRoomAndAlwaysTheNumbersAt80Columns() {
    assertEquals("upload x [######..............]  30%  30 MiB / 100 MiB  15 MiB/s  retrying chunk 19 on sn-3",
        ProgressBar.render("upload x", 30L << 20, 100L << 20, 2 * SECOND, "retrying chunk 19 on sn-3", 200).replaceAll("#+", "######")
            .replaceAll("\\.{2,}", ".............."));
    String narrow = ProgressBar.render("upload releases/" + "very-long-name-".repeat(6) + "end.tar", 30L << 20, 100L << 20,
        2 * SECOND, "retrying chunk 19 on sn-3", 79);
    assertTrue(Text.columns(narrow) <= 79, narrow);
    assertTrue(narrow.endsWith(" 30%  30 MiB / 100 MiB  15 MiB/s  retrying chunk 19 on sn-3"), "the retry before the "
        + "whole name: " + narrow);
    assertTrue(narrow.startsWith("upload re") && narrow.contains("…") && narrow.contains("end.tar"), narrow);
  }

  @Test
  void dropsTheBarWhenNarrowAndTheTotalWhenUnknown() {
    assertEquals("get big  50%  50 MiB / 100 MiB  25 MiB/s  ETA 2s",
        ProgressBar.render("get big", 50L << 20, 100L << 20, 2 * SECOND, null, 52));
    assertEquals("upload x  3 MiB  1.5 MiB/s", ProgressBar.render("upload x", 3L << 20, -1, 2 * SECOND, null, 80));
  }

  @Test
  void onceTheContentIsReadItSaysTheLastChunksAreBeingStored() {
    assertEquals("upload x [" + "#".repeat(28) + "] 100%  20 MiB / 20 MiB  2 MiB/s  storing",
        ProgressBar.render("upload x", 20L << 20, 20L << 20, 10 * SECOND, null, 79));
    assertEquals("upload x [##########] 100%  20 MiB / 20 MiB  2 MiB/s  retrying chunk 19 on sn-3",
        ProgressBar.render("upload x", 20L << 20, 20L << 20, 10 * SECOND, "retrying chunk 19 on sn-3", 79));
  }

  @Test
  void etaReadsAsSecondsMinutesOrHours() {
    assertEquals("45s", ProgressBar.eta(44.2));
    assertEquals("3m05s", ProgressBar.eta(185));
    assertEquals("2h10m", ProgressBar.eta(7800));
  }

  @Test
  void drawsOnlyAfterASecondAndWipesItselfAfter() {
    StringWriter text = new StringWriter();
    AtomicLong clock = new AtomicLong();
    try (ProgressBar bar = new ProgressBar("get x", new PrintWriter(text), () -> 120, clock::get, false)) {
      bar.transferred(10, 100);
      clock.set(SECOND / 2);
      bar.transferred(20, 100);
      assertEquals("", text.toString());
      clock.set(SECOND);
      bar.transferred(30, 100);
      assertTrue(text.toString().startsWith("\rget x ["), text.toString());
      bar.retrying(3, "sn-2", 2);
      assertTrue(text.toString().contains("retrying chunk 3 on sn-2"), text.toString());
      clock.set(2 * SECOND);
      assertTrue(bar.shown());
      assertEquals("2.0s, 15 B/s", bar.summary(30));
    }
    assertTrue(text.toString().endsWith("\r"));
  }

  @Test
  void aQuickTransferPrintsNothing() {
    StringWriter text = new StringWriter();
    try (ProgressBar bar = new ProgressBar("get x", new PrintWriter(text), () -> 80, () -> 0L, false)) {
      bar.transferred(100, 100);
      assertTrue(!bar.shown());
    }
    assertEquals("", text.toString());
  }
}
