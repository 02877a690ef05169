package io.stork.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Aligned columns of styled cells. Widths are counted in terminal columns (JLine's wcwidth), so
 * names in CJK or with emoji line up; styles only show when the caller renders to a terminal.
 */
final class Table {
  enum Align { LEFT, RIGHT }

  record Column(String header, Align align) {
    static Column left(String header) {
      return new Column(header, Align.LEFT);
    }

    static Column right(String header) {
      return new Column(header, Align.RIGHT);
    }
  }

  private static final String GAP = "  ";

  private final List<Column> columns;
  private final List<AttributedString[]> rows = new ArrayList<>();

  Table(Column... columns) {
    this.columns = List.of(columns);
  }

  Table row(String... cells) {
    return row(Arrays.stream(cells).map(AttributedString::new).toArray(AttributedString[]::new));
  }

  Table row(AttributedString... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
    }
    rows.add(cells);
    return this;
  }

  static AttributedString styled(String text, AttributedStyle style) {
    return new AttributedString(text, style);
  }

  /** The header (bold) and the rows, without trailing spaces. */
  List<AttributedString> render() {
    int[] widths = new int[columns.size()];
    AttributedString[] header = columns.stream()
        .map(c -> new AttributedString(c.header(), AttributedStyle.BOLD)).toArray(AttributedString[]::new);
    for (AttributedString[] row : allRows(header)) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].columnLength());
      }
    }
    List<AttributedString> lines = new ArrayList<>();
    for (AttributedString[] row : allRows(header)) {
      lines.add(line(row, widths));
    }
    return lines;
  }

  private List<AttributedString[]> allRows(AttributedString[] header) {
    List<AttributedString[]> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }

  private AttributedString line(AttributedString[] row, int[] widths) {
    // Sized up front: growing the builder (its chars and styles) was most of list's time with many rows.
    AttributedStringBuilder b = new AttributedStringBuilder(java.util.Arrays.stream(widths).sum() + GAP.length() * widths.length);
    for (int i = 0; i < row.length; i++) {
      int pad = widths[i] - row[i].columnLength();
      boolean last = i == row.length - 1;
      if (columns.get(i).align() == Align.RIGHT) {
        b.append(" ".repeat(pad)).append(row[i]);
      } else {
        b.append(row[i]);
        if (!last) {
          b.append(" ".repeat(pad));
        }
      }
      if (!last) {
        b.append(GAP);
      }
    }
    AttributedString line = b.toAttributedString();
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') { // an empty last cell leaves its gap behind
      end--;
    }
    return line.subSequence(0, end);
  }
}
