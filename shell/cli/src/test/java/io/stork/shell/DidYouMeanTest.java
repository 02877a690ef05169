package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
  private static final List<String> COMMANDS = Commands.words();

  @Test
  void suggestsTheNearestCommand() {
    assertEquals(Optional.of("list"), DidYouMean.closest("lst", COMMANDS));
    assertEquals(Optional.of("upload"), DidYouMean.closest("uplaod", COMMANDS));
    assertEquals(Optional.of("delete"), DidYouMean.closest("dlete", COMMANDS));
    assertEquals(Optional.of("list"), DidYouMean.closest("LIST", COMMANDS));
    assertEquals(Optional.of("--file"), DidYouMean.closest("--fille", List.of("--file")));
  }

  @Test
  void knowsTheAliases() {
    assertEquals(Optional.of("put"), DidYouMean.closest("putt", COMMANDS));
    assertEquals(Optional.of("rm"), DidYouMean.closest("rmm", COMMANDS));
    assertEquals(Optional.of("stat"), DidYouMean.closest("stats", COMMANDS));
  }

  @Test
  void staysQuietWhenNothingIsClose() {
    assertEquals(Optional.empty(), DidYouMean.closest("frobnicate", COMMANDS));
    assertEquals(Optional.empty(), DidYouMean.closest("x", COMMANDS));
  }

  @Test
  void countsASwapAsOneEdit() {
    assertEquals(1, DidYouMean.distance("teh", "the"));
    assertEquals(3, DidYouMean.distance("kitten", "sitting"));
    assertEquals(0, DidYouMean.distance("", ""));
  }
}
