package io.stork.shell;

import static io.stork.shell.Table.Column.left;
import static io.stork.shell.Table.Column.right;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class TableTest {

  private static List<String> plain(Table table) {
    return table.render().stream().map(AttributedString::toString).toList();
  }

  @Test
  void alignsColumnsWithoutTrailingSpaces() {
    Table table = new Table(left("NAME"), right("SIZE"), left("HEALTH"))
        .row("a", "1 B", "healthy")
        .row("longer-name", "1.5 KiB", "under-replicated");
    assertEquals(List.of(
        "NAME            SIZE  HEALTH",
        "a                1 B  healthy",
        "longer-name  1.5 KiB  under-replicated"), plain(table));
  }

  @Test
  void anEmptyLastCellLeavesNoTrailingSpaces() {
    assertEquals(List.of("A  B", "x  y", "z"), plain(new Table(left("A"), left("B")).row("x", "y").row("z", "")));
  }

  @Test
  void measuresWideCharactersInColumns() {
    Table table = new Table(left("NAME"), right("N")).row("日本", "1").row("abcdef", "22");
    assertEquals(List.of(
        "NAME     N",
        "日本     1",
        "abcdef  22"), plain(table));
  }

  @Test
  void stylesDoNotChangeTheLayout() {
    Table table = new Table(left("A"), left("B"))
        .row(Table.styled("up", AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN)), Table.cell("x"));
    assertEquals(List.of("A   B", "up  x"), plain(table));
    String ansi = table.render().get(1).toAnsi();
    assertEquals(true, ansi.contains("\u001b["));
  }

  @Test
  void aStyleCoversItsCellAndNotThePadding() {
    AttributedStyle green = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    AttributedStyle red = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    AttributedString line = new Table(right("N"), left("STATE"), left("NOTE"))
        .row(Table.cell("1"), Table.styled("up", green), Table.styled("bad", red))
        .row(Table.cell("22"), Table.styled("unreachable", red), Table.cell(""))
        .render().get(1);
    assertEquals(" 1  up           bad", line.toString());
    assertEquals(AttributedStyle.DEFAULT, line.styleAt(1));
    assertEquals(green, line.styleAt(4));
    assertEquals(green, line.styleAt(5));
    assertEquals(AttributedStyle.DEFAULT, line.styleAt(6));
    assertEquals(red, line.styleAt(17));
    assertEquals(red, line.styleAt(19));
  }

  @Test
  void rowsMustFitTheColumns() {
    assertThrows(IllegalArgumentException.class, () -> new Table(left("A")).row("1", "2"));
  }
}
