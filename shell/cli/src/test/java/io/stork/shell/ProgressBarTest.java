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
  void rendersBarPercentBytesAndRate() {
    assertEquals("get big [###############...............]  50%  50 MiB / 100 MiB  25 MiB/s",
        ProgressBar.render("get big", 50L << 20, 100L << 20, 2 * SECOND, 100));
  }

  @Test
  void dropsTheBarWhenNarrowAndTheTotalWhenUnknown() {
    assertEquals("get big  50%  50 MiB / 100 MiB  25 MiB/s", ProgressBar.render("get big", 50L << 20, 100L << 20, 2 * SECOND, 45));
    assertEquals("upload x  3 MiB  1.5 MiB/s", ProgressBar.render("upload x", 3L << 20, -1, 2 * SECOND, 80));
  }

  @Test
  void drawsOnlyAfterASecondAndWipesItselfAfter() {
    StringWriter text = new StringWriter();
    AtomicLong clock = new AtomicLong();
    try (ProgressBar bar = new ProgressBar("get x", new PrintWriter(text), () -> 80, clock::get)) {
      bar.transferred(10, 100);
      clock.set(SECOND / 2);
      bar.transferred(20, 100);
      assertEquals("", text.toString());
      clock.set(SECOND);
      bar.transferred(30, 100);
      assertTrue(text.toString().startsWith("\rget x ["), text.toString());
    }
    assertTrue(text.toString().endsWith("\r"));
  }

  @Test
  void aQuickTransferPrintsNothing() {
    StringWriter text = new StringWriter();
    try (ProgressBar bar = new ProgressBar("get x", new PrintWriter(text), () -> 80, () -> 0L)) {
      bar.transferred(100, 100);
    }
    assertEquals("", text.toString());
  }
}
