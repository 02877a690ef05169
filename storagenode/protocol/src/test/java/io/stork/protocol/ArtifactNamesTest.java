package io.stork.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "app.jar", "releases/app-1.0.jar", "données/日本語.txt", "with space inside", "emoji-🐣", "x..y", ".hidden"})
  void acceptsWhatPeopleName(String name) {
    assertNull(ArtifactNames.problem(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../x", "x/../y", "..", ".", "/abs", "a/", "a//b", "a\\b", " lead", "trail ", "a\nb", "a\u0000b",
      "tab\there", "bidi\u202eevil", "del\u007f"})
  void refusesNamesThatCouldMisleadOrEscape(String name) {
    assertNotNull(ArtifactNames.problem(name), name);
  }

  @Test
  void limitsTheLength() {
    assertTrue(isValid("x".repeat(255)));
    assertFalse(isValid("x".repeat(256)));
    assertTrue(isValid("🐣".repeat(255)), "characters count, not UTF-16 units");
    assertNotNull(ArtifactNames.problem(null));
  }

  @Test
  void printsControlCharactersEscapedAndCutsLongNames() {
    assertEquals("a\\u000ab", ArtifactNames.printable("a\nb"));
    assertEquals("x".repeat(80) + "...", ArtifactNames.printable("x".repeat(300)));
  }

  private static boolean isValid(String name) {
    return ArtifactNames.problem(name) == null;
  }
}
