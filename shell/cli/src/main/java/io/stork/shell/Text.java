package io.stork.shell;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;

/** Text measured in terminal columns (JLine's wcwidth), so that CJK and emoji line up: width, middle elision, wrapping. */
final class Text {
  static final String ELLIPSIS = "…";

  private Text() {}

  /** Terminal columns {@code text} takes: its length when it is plain ASCII, else JLine's wcwidth count. */
  static int columns(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return new AttributedString(text).columnLength();
      }
    }
    return text.length();
  }

  /**
   * {@code text} cut to {@code max} columns by taking out its middle ({@code releases/app…-1.0.jar}),
   * so that two long names that differ at the end still look different; whole when it fits.
   */
  static String elideMiddle(String text, int max) {
    if (max <= 0 || columns(text) <= max) {
      return text;
    }
    if (max <= 1) {
      return ELLIPSIS;
    }
    int[] points = text.codePoints().toArray();
    int keepEnd = (max - 1) / 2;
    int keepStart = max - 1 - keepEnd;
    String head = take(points, keepStart, false);
    String tail = take(points, keepEnd, true);
    return head + ELLIPSIS + tail;
  }

  /**
   * As {@link #elideMiddle}, but keeping code point {@code mustShow} (where the text first differs
   * from its neighbours in a table, -1 for none) in sight: {@code app/build-7-…-release.tar} rather
   * than two rows of {@code app/build…-release.tar}.
   */
  static String elide(String text, int max, int mustShow) {
    if (max <= 1 || columns(text) <= max) {
      return elideMiddle(text, max);
    }
    int[] points = text.codePoints().toArray();
    int keep = Math.min(points.length - 1, mustShow + 3); // the difference and a little after it
    if (mustShow < 0 || keep < max - 1 - (max - 1) / 2 || points.length - mustShow <= (max - 1) / 2) {
      return elideMiddle(text, max); // the difference is in the head or the tail that middle elision keeps
    }
    int tail = Math.max(0, Math.min((max - 1) / 3, points.length - keep - 1));
    if (keep < max - 1 - tail) {
      return take(points, max - 1 - tail, false) + ELLIPSIS + take(points, tail, true);
    }
    // The difference lies beyond any head that fits: a short head, then a window around it.
    int head = Math.max(1, max / 4);
    int window = max - head - 2;
    int from = Math.max(0, Math.min(points.length - window, keep - window + 1));
    int[] rest = java.util.Arrays.copyOfRange(points, from, points.length);
    String shown = take(rest, from + window >= points.length ? window + 1 : window, false);
    return take(points, head, false) + ELLIPSIS + shown + (from + window >= points.length ? "" : ELLIPSIS);
  }

  /** Where {@code text} first differs from {@code other}, in code points (-1 when one starts the other). */
  static int firstDifference(String text, String other) {
    if (other == null) {
      return -1;
    }
    int[] a = text.codePoints().toArray();
    int[] b = other.codePoints().toArray();
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        return i;
      }
    }
    return -1;
  }

  /** The most code points from the start (or the end) that fit in {@code columns}. */
  private static String take(int[] points, int columns, boolean fromEnd) {
    StringBuilder taken = new StringBuilder();
    int used = 0;
    for (int i = 0; i < points.length; i++) {
      int cp = points[fromEnd ? points.length - 1 - i : i];
      int width = columns(Character.toString(cp));
      if (used + width > columns) {
        break;
      }
      used += width;
      if (fromEnd) {
        taken.insert(0, Character.toString(cp));
      } else {
        taken.appendCodePoint(cp);
      }
    }
    return taken.toString();
  }

  /** {@code text} broken at spaces into lines of at most {@code width} columns, each after {@code indent}. */
  static List<String> wrap(String text, int width, String indent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(indent);
    int room = Math.max(10, width - indent.length());
    int used = 0;
    for (String word : text.strip().split("\\s+")) {
      int w = columns(word);
      if (used > 0 && used + 1 + w > room) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
        used = 0;
      }
      if (used > 0) {
        line.append(' ');
        used++;
      }
      line.append(word);
      used += w;
    }
    if (used > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
