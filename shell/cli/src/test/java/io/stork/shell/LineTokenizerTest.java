package io.stork.shell;

import io.stork.shell.LineTokenizer.Word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineTokenizerTest {

  private static List<String> texts(String line) {
    return LineTokenizer.split(line).stream().map(Word::text).toList();
  }

  @Test
  void splitsOnRunsOfWhiteSpace() {
    assertEquals(List.of("upload", "a", "b", "c"), texts("  upload \ta   b c  "));
    assertEquals(List.of(), texts("   "));
  }

  @Test
  void quotesKeepSpacesVerbatim() {
    assertEquals(List.of("upload", "notes", "two  spaces"), texts("upload notes \"two  spaces\""));
    assertEquals(List.of("upload", "notes", " it's "), texts("upload notes \" it's \""));
    assertEquals(List.of("a \"b\" \\n"), texts("'a \"b\" \\n'"));
  }

  @Test
  void backslashEscapes() {
    assertEquals(List.of("a b", "say \"hi\"", "c:\\x"), texts("a\\ b \"say \\\"hi\\\"\" \"c:\\\\x\""));
    assertEquals(List.of("end\\"), texts("end\\")); // a trailing backslash stays
    assertEquals(List.of("\"\\n\""), texts("\"\\\"\\n\\\"\"")); // \n is not special in double quotes
  }

  @Test
  void quotedAndUnquotedPartsJoin() {
    assertEquals(List.of("ab cd"), texts("a\"b c\"d"));
  }

  @Test
  void emptyQuotesAreAnEmptyWord() {
    List<Word> words = LineTokenizer.split("upload \"\" x");
    assertEquals(new Word("", true), words.get(1));
  }

  @Test
  void remembersWhichWordsWereQuoted() {
    assertEquals(List.of(new Word("--file", false), new Word("--file", true), new Word("--file", true)),
        LineTokenizer.split("--file \"--file\" \\--file"));
  }

  @Test
  void unclosedQuoteIsAnError() {
    assertEquals("unclosed \" quote (close it, or escape it with \\\")",
        assertThrows(CommandException.class, () -> LineTokenizer.split("upload x \"oops")).getMessage());
    assertThrows(CommandException.class, () -> LineTokenizer.split("upload x it's"));
  }

  @Test
  void unicodeStaysWhole() {
    assertEquals(List.of("upload", "日本語/ファイル", "héllo 🌍"), texts("upload 日本語/ファイル 'héllo 🌍'"));
  }

  @Test
  void quoteIsTheInverseOfSplit() {
    for (String word : List.of("plain", "", "two words", "it's", "a\"b", "back\\slash", "日本")) {
      assertEquals(List.of(word), texts(LineTokenizer.quote(word)), word);
    }
    assertEquals("plain", LineTokenizer.quote("plain"));
  }
}
