package io.stork.shell;

import io.stork.client.TransferListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar, redrawn in place with {@code \r}: shown only on a terminal and only once
 * a transfer has run for a second, so quick commands print nothing but their result. Transfers
 * report from the thread that runs them, so no locking is needed.
 */
final class ProgressBar implements TransferListener, AutoCloseable {
  private static final long SHOW_AFTER = TimeUnit.SECONDS.toNanos(1);
  private static final long REDRAW_EVERY = TimeUnit.MILLISECONDS.toNanos(100);

  private final String label;
  private final PrintWriter out;
  private final IntSupplier width;
  private final LongSupplier clock;
  private final long start;
  private long lastDraw;
  private int drawnWidth;

  ProgressBar(String label, PrintWriter out, IntSupplier width, LongSupplier clock) {
    this.label = label;
    this.out = out;
    this.width = width;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  @Override
  public void transferred(long doneBytes, long totalBytes) {
    long now = clock.getAsLong();
    if (now - start < SHOW_AFTER || now - lastDraw < REDRAW_EVERY) {
      return;
    }
    lastDraw = now;
    String line = render(label, doneBytes, totalBytes, now - start, width.getAsInt() - 1);
    out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
    out.flush();
    drawnWidth = line.length();
  }

  /** Wipes the bar (and a "^C" the terminal may have echoed after it): the result line starts clean. */
  @Override
  public void close() {
    if (drawnWidth > 0) {
      out.print("\r" + " ".repeat(Math.min(drawnWidth + 2, width.getAsInt() - 1)) + "\r");
      out.flush();
    }
  }

  /** {@code get big [#######.......]  52%  26 MiB / 50 MiB  12 MiB/s}, fitted to {@code width}. */
  static String render(String label, long done, long total, long elapsedNanos, int width) {
    double seconds = Math.max(elapsedNanos, 1) / 1e9;
    String rate = Sizes.format((long) (done / seconds)) + "/s";
    if (total <= 0) {
      return fit(label + "  " + Sizes.format(done) + "  " + rate, width);
    }
    int percent = (int) Math.min(100, done * 100 / total);
    String numbers = String.format(Locale.ROOT, " %3d%%  %s / %s  %s", percent, Sizes.format(done), Sizes.format(total), rate);
    int barWidth = Math.min(30, width - label.length() - numbers.length() - 3);
    if (barWidth < 5) {
      return fit(label + numbers, width);
    }
    int filled = (int) ((long) barWidth * percent / 100);
    return label + " [" + "#".repeat(filled) + ".".repeat(barWidth - filled) + "]" + numbers;
  }

  private static String fit(String line, int width) {
    return line.length() <= width ? line : line.substring(0, Math.max(0, width));
  }
}
