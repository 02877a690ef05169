package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void elidesInTheMiddleByTerminalColumns() {
    assertEquals("short", Text.elideMiddle("short", 10));
    assertEquals("abcd…wxyz", Text.elideMiddle("abcdefghijklmnopqrstuvwxyz", 9));
    String wide = Text.elideMiddle("日本語のとても長いファイル名です", 11);
    assertTrue(Text.columns(wide) <= 11, wide);
  }

  @Test
  void namesThatDifferOnlyInTheMiddleStillDifferOnceElided() {
    String a = "app/artifact-number-7-with-a-name-long-enough-to-elide-in-the-table.tar";
    String b = "app/artifact-number-8-with-a-name-long-enough-to-elide-in-the-table.tar";
    String shownA = Text.elide(a, 36, Text.firstDifference(a, b));
    String shownB = Text.elide(b, 36, Text.firstDifference(b, a));
    assertNotEquals(shownA, shownB);
    assertTrue(shownA.startsWith("app/artifact-number-7") && shownA.endsWith(".tar") && Text.columns(shownA) <= 36, shownA);
    String deepA = "releases/" + "x".repeat(60) + "-build-1234-final.tar";
    String deepB = "releases/" + "x".repeat(60) + "-build-1235-final.tar";
    String shownDeep = Text.elide(deepA, 30, Text.firstDifference(deepA, deepB));
    assertTrue(shownDeep.contains("1234") && Text.columns(shownDeep) <= 30, shownDeep);
  }

  @Test
  void wrapsAtSpacesWithinTheWidth() {
    List<String> lines = Text.wrap("one two three four five six seven eight nine ten", 20, "  ");
    assertEquals(List.of("  one two three four", "  five six seven", "  eight nine ten"), lines);
  }
}
