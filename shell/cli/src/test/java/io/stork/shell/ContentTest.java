package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentTest {

  private static Optional<String> text(String s) {
    return Content.asText(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void textIsValidUtf8WithTabsAndLineBreaks() {
    assertEquals(Optional.of("héllo 🌍\n\tx\r\n"), text("héllo 🌍\n\tx\r\n"));
    assertEquals(Optional.of(""), text(""));
  }

  @Test
  void controlCharactersMakeItBinary() {
    assertTrue(text("a\u0000b").isEmpty());
    assertTrue(text("\u001b[31mred").isEmpty()); // an escape sequence must not reach the terminal
    assertTrue(text("bell\u0007").isEmpty());
    assertTrue(text("c1\u009b").isEmpty());
  }

  @Test
  void invalidUtf8IsBinary() {
    assertTrue(Content.asText(new byte[] {(byte) 0xff, (byte) 0xfe, 'a'}).isEmpty());
    assertTrue(Content.asText(new byte[] {(byte) 0xc3}).isEmpty()); // cut in the middle of a character
  }
}
