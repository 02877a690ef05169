package io.stork.shell;

import io.stork.client.TransferListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar, redrawn in place with {@code \r} on a terminal, once a transfer has run
 * for a second, so quick commands print nothing but their result: bar, percent, bytes, rate, ETA,
 * and the retries under way ({@code retrying chunk 19 on sn-3}). A ticker redraws it while nothing
 * moves, so that a transfer waiting on retries is seen to wait. Transfers report from their own
 * thread, retries from the client's actors: the state is guarded by this object.
 */
final class ProgressBar implements TransferListener, AutoCloseable {
  private static final long SHOW_AFTER = TimeUnit.SECONDS.toNanos(1);
  private static final long RETRY_SHOWN_FOR = TimeUnit.SECONDS.toNanos(5);
  /** The label (the command and the name) keeps at least this many columns while a retry is shown. */
  private static final int MIN_LABEL = 16;

  private final String label;
  private final PrintWriter out; // null: a bar that is never drawn (off a terminal)
  private final IntSupplier width;
  private final LongSupplier clock;
  private final long start;
  private final ScheduledExecutorService ticker;
  private long done;
  private long total = -1;
  private String retry;
  private long retryAt;
  private String message;
  private int drawnWidth;

  ProgressBar(String label, PrintWriter out, IntSupplier width, LongSupplier clock, boolean tick) {
    this.label = label;
    this.out = out;
    this.width = width;
    this.clock = clock;
    this.start = clock.getAsLong();
    this.ticker = tick ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "stork-progress");
      thread.setDaemon(true);
      return thread;
    }) : null;
    if (ticker != null) {
      ticker.scheduleAtFixedRate(this::draw, 250, 250, TimeUnit.MILLISECONDS);
    }
  }

  /** A bar drawn on {@code out}, which is a terminal {@code width} columns wide. */
  static ProgressBar on(String label, PrintWriter out, IntSupplier width) {
    return new ProgressBar(label, out, width, System::nanoTime, true);
  }

  /** A bar that draws nothing, for output that is no terminal; it still times the transfer. */
  static ProgressBar silent(String label) {
    return new ProgressBar(label, null, () -> 80, System::nanoTime, false);
  }

  @Override
  public synchronized void transferred(long doneBytes, long totalBytes) {
    done = doneBytes;
    total = totalBytes;
    draw();
  }

  @Override
  public synchronized void retrying(int chunk, String nodeId, int attempt) {
    retry = "retrying chunk " + chunk + " on " + nodeId; // the attempt's number would not fit at 80 columns
    retryAt = clock.getAsLong();
    draw();
  }

  /** A line of its own instead of bytes, after the label: {@code waiting: 41 chunks left (12 MiB), 4 copies running...}. */
  synchronized void note(String text) {
    message = text;
    draw();
  }

  /** Whether the bar was ever drawn: a transfer long enough to earn a final line with its time and rate. */
  synchronized boolean shown() {
    return drawnWidth > 0;
  }

  /** {@code 4.1 s, 12 MiB/s}: how long the transfer took and its mean rate. */
  synchronized String summary(long bytes) {
    long elapsed = Math.max(clock.getAsLong() - start, 1);
    return Durations.format(java.time.Duration.ofNanos(elapsed)) + ", " + Sizes.format((long) (bytes / (elapsed / 1e9))) + "/s";
  }

  /** Wipes the bar (and a "^C" the terminal may have echoed after it): the result line starts clean. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (out != null && drawnWidth > 0) {
      out.print("\r" + " ".repeat(Math.min(drawnWidth + 2, width.getAsInt() - 1)) + "\r");
      out.flush();
    }
  }

  private synchronized void draw() {
    long now = clock.getAsLong();
    if (out == null || now - start < SHOW_AFTER) {
      return;
    }
    String note = retry != null && now - retryAt < RETRY_SHOWN_FOR ? retry : null;
    String line = message != null ? Text.elideMiddle(label + message, width.getAsInt() - 1)
        : render(label, done, total, now - start, note, width.getAsInt() - 1);
    out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - Text.columns(line))));
    out.flush();
    drawnWidth = Math.max(1, Text.columns(line));
  }

  /**
   * {@code get big [#######.......]  52%  26 MiB / 50 MiB  12 MiB/s  ETA 2s}, or with a retry under way
   * {@code ... 12 MiB/s  retrying chunk 19 on sn-3} in place of the ETA (which retries make wrong),
   * fitted to {@code width}: the label is elided in the middle and the bar goes before the note does,
   * so that the numbers always show.
   */
  static String render(String label, long done, long total, long elapsedNanos, String note, int width) {
    double seconds = Math.max(elapsedNanos, 1) / 1e9;
    double rate = done / seconds;
    String numbers;
    if (total < 0) {
      numbers = "  " + Sizes.format(done) + "  " + Sizes.format((long) rate) + "/s";
    } else {
      int percent = total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
      // All the content is read: what is left is its last chunks being stored (and retried), then the commit.
      String eta = note != null ? "" : done >= total ? "  storing" : rate > 0 ? "  ETA " + eta((total - done) / rate) : "";
      numbers = String.format(Locale.ROOT, " %3d%%  %s / %s  %s/s%s", percent, Sizes.format(done), Sizes.format(total),
          Sizes.format((long) rate), eta);
    }
    String tail = note == null ? numbers : numbers + "  " + note;
    int labelRoom = width - Text.columns(tail);
    if (labelRoom < MIN_LABEL) {
      tail = numbers; // the note goes before the label is cut below its least
      labelRoom = width - Text.columns(tail);
    }
    int barWidth = total < 0 ? 0 : Math.min(30, labelRoom - Text.columns(label) - 3);
    if (barWidth < 5) {
      return Text.elideMiddle(label, Math.max(MIN_LABEL / 2, labelRoom)) + tail;
    }
    int percent = total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
    int filled = barWidth * percent / 100;
    return label + " [" + "#".repeat(filled) + ".".repeat(barWidth - filled) + "]" + tail;
  }

  /** {@code 45s}, {@code 3m05s}, {@code 2h10m}: an estimate, so whole seconds. */
  static String eta(double seconds) {
    long s = (long) Math.ceil(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
