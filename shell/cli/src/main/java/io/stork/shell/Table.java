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

  /** A cell's text and how it looks on a terminal. */
  record Cell(String text, AttributedStyle style) {}

  private static final int GAP = 2;
  /** A column elided to fit keeps at least this many columns of its text. */
  private static final int MIN_FLEX = 12;

  private final List<Column> columns;
  private final List<Cell[]> rows = new ArrayList<>();
  private int maxWidth;
  private int flex = -1;

  Table(Column... columns) {
    this.columns = List.of(columns);
  }

  Table row(String... cells) {
    return row(Arrays.stream(cells).map(Table::cell).toArray(Cell[]::new));
  }

  Table row(Cell... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
    }
    rows.add(cells);
    return this;
  }

  static Cell cell(String text) {
    return new Cell(text, AttributedStyle.DEFAULT);
  }

  static Cell styled(String text, AttributedStyle style) {
    return new Cell(text, style);
  }

  /**
   * Rows at most {@code width} columns wide (0: no limit), made to fit by eliding the cells of
   * column {@code column} in the middle; the other columns stay whole.
   */
  Table fit(int width, int column) {
    this.maxWidth = width;
    this.flex = column;
    return this;
  }

  /** The header (bold) and the rows, without trailing spaces. */
  List<AttributedString> render() {
    if (maxWidth > 0 && flex >= 0) {
      elideToFit();
    }
    Cell[] header = columns.stream().map(c -> styled(c.header(), AttributedStyle.BOLD)).toArray(Cell[]::new);
    int[][] cellWidths = new int[rows.size() + 1][];
    int[] widths = new int[columns.size()];
    for (int r = 0; r <= rows.size(); r++) {
      Cell[] row = r == 0 ? header : rows.get(r - 1);
      cellWidths[r] = new int[row.length];
      for (int i = 0; i < row.length; i++) {
        cellWidths[r][i] = Text.columns(row[i].text());
        widths[i] = Math.max(widths[i], cellWidths[r][i]);
      }
    }
    int lineLength = Arrays.stream(widths).sum() + GAP * widths.length;
    List<AttributedString> lines = new ArrayList<>(rows.size() + 1);
    for (int r = 0; r <= rows.size(); r++) {
      lines.add(line(r == 0 ? header : rows.get(r - 1), cellWidths[r], widths, lineLength));
    }
    return lines;
  }

  private void elideToFit() {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = Text.columns(columns.get(i).header());
    }
    for (Cell[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], Text.columns(row[i].text()));
      }
    }
    int total = Arrays.stream(widths).sum() + GAP * (widths.length - 1);
    if (total <= maxWidth) {
      return;
    }
    int target = Math.max(MIN_FLEX, widths[flex] - (total - maxWidth));
    String[] texts = rows.stream().map(row -> row[flex].text()).toArray(String[]::new);
    for (int r = 0; r < rows.size(); r++) {
      // Keep in sight where a cell differs from the rows beside it, so that elided rows still differ.
      int differs = Math.max(Text.firstDifference(texts[r], r > 0 ? texts[r - 1] : null),
          Text.firstDifference(texts[r], r + 1 < texts.length ? texts[r + 1] : null));
      Cell[] row = rows.get(r);
      row[flex] = new Cell(Text.elide(texts[r], target, differs), row[flex].style());
    }
  }

  private AttributedString line(Cell[] row, int[] cellWidths, int[] widths, int lineLength) {
    LineBuilder line = new LineBuilder(lineLength);
    for (int i = 0; i < row.length; i++) {
      int pad = widths[i] - cellWidths[i];
      if (i > 0) {
        line.spaces(GAP);
      }
      if (columns.get(i).align() == Align.RIGHT) {
        line.spaces(pad);
      }
      line.add(row[i].text(), row[i].style());
      if (columns.get(i).align() == Align.LEFT && i < row.length - 1) {
        line.spaces(pad);
      }
    }
    return line.build();
  }

  /**
   * A line from pieces, neighbours of one style merged: JLine makes an AttributedString (and fills
   * a style array) for every piece appended, which was most of {@code list}'s time with 100,000 rows.
   */
  private static final class LineBuilder {
    private final AttributedStringBuilder line;
    private final StringBuilder run;
    private AttributedStyle runStyle = AttributedStyle.DEFAULT;

    LineBuilder(int length) {
      line = new AttributedStringBuilder(length);
      run = new StringBuilder(length);
    }

    void add(String text, AttributedStyle style) {
      if (text.isEmpty()) {
        return;
      }
      if (!style.equals(runStyle)) {
        flush();
        runStyle = style;
      }
      run.append(text);
    }

    void spaces(int count) {
      if (count > 0 && !runStyle.equals(AttributedStyle.DEFAULT)) {
        flush();
        runStyle = AttributedStyle.DEFAULT;
      }
      for (int i = 0; i < count; i++) {
        run.append(' ');
      }
    }

    /**
     * The line without trailing spaces (padding, and the gap before an empty last cell); spaces a
     * styled last cell ends with are its text and stay.
     */
    AttributedString build() {
      if (runStyle.equals(AttributedStyle.DEFAULT)) {
        int end = run.length();
        while (end > 0 && run.charAt(end - 1) == ' ') {
          end--;
        }
        run.setLength(end);
      }
      flush();
      return line.toAttributedString();
    }

    private void flush() {
      if (run.length() > 0) {
        line.append(new AttributedString(run, runStyle));
        run.setLength(0);
      }
    }
  }
}
