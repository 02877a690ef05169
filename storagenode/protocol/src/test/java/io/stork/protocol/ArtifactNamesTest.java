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
  @ValueSource(strings = {"a", "app.jar", "releases/app-1.0.jar", "données/日本語.txt", "with space inside", "emoji-🐣", "x..y", ".hidden",
      "می\u200cخواهم", // Persian "I want": a zero-width non-joiner between the two parts of the word
      "👩\u200d💻", "👨\u200d👩\u200d👧\u200d👦", "🏳\ufe0f\u200d🌈", // emoji ZWJ sequences (and a variation selector)
      "a*b?[c]", "100%", "name with 'quotes' and \"doubles\""})
  void acceptsWhatPeopleName(String name) {
    assertNull(ArtifactNames.problem(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../x", "x/../y", "..", ".", "/abs", "a/", "a//b", "a\\b", " lead", "trail ", "a\nb", "a\u0000b",
      "tab\there", "bidi\u202eevil", "del\u007f", "zero\u200bwidth", "line\u2028sep", "lone\ud800surrogate", "bom\ufeff"})
  void refusesNamesThatCouldMisleadOrEscape(String name) {
    assertNotNull(ArtifactNames.problem(name), name);
  }

  @Test
  void eachRefusalSaysWhatAndWhere() {
    assertEquals("artifact name contains a control character (U+0009)", ArtifactNames.problem("tab\there"));
    assertEquals("artifact name contains a control character (U+007F)", ArtifactNames.problem("del\u007f"));
    for (int bidi : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
      assertEquals("artifact name contains a bidirectional override or isolate (U+" + Integer.toHexString(bidi).toUpperCase()
          + "), which can make it read as another name", ArtifactNames.problem("invoice" + Character.toString(bidi) + "fdp.exe"));
    }
    assertEquals("artifact name contains an invisible format character (U+200B)", ArtifactNames.problem("zero\u200bwidth"));
    assertEquals("artifact name contains a line or paragraph separator (U+2029)", ArtifactNames.problem("p\u2029p"));
    assertEquals("artifact name contains an unassigned code point (U+0378)", ArtifactNames.problem("x\u0378"));
  }

  private static final String SCOTLAND = "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63\udb40\udc74\udb40\udc7f";

  @Test
  void formatCharactersThatTextNeedsAreAllowed() {
    assertNull(ArtifactNames.problem("flags/" + SCOTLAND), "an emoji tag sequence: black flag, tags g b s c t, cancel tag");
    assertNull(ArtifactNames.problem(SCOTLAND + SCOTLAND + "-x"));
    assertNull(ArtifactNames.problem("year \u0603\u0661\u0664\u0664\u0665"), "the Arabic year sign, drawn before its digits");
    assertNull(ArtifactNames.problem("\u06dd\u0661"), "the end-of-ayah sign");
    assertEquals("flags/" + SCOTLAND, ArtifactNames.printable("flags/" + SCOTLAND), "shown whole, not escaped");
  }

  @Test
  void otherFormatCharactersAreRefusedAsInvisible() {
    for (int invisible : new int[] {0x00AD, 0x061C, 0x200B, 0x200E, 0x200F, 0x2060, 0x2064, 0xFEFF, 0x180E}) {
      assertEquals("artifact name contains an invisible format character (U+" + String.format("%04X", invisible) + ")",
          ArtifactNames.problem("a" + Character.toString(invisible) + "b"));
    }
    assertEquals("artifact name contains a tag character (U+E0067) outside an emoji tag sequence (a flag)",
        ArtifactNames.problem("hidden\udb40\udc67\udb40\udc7f"), "tags after a letter hide text");
    assertEquals("artifact name contains a tag character (U+E007F) outside an emoji tag sequence (a flag)",
        ArtifactNames.problem("x\udb40\udc7f"));
    assertEquals("artifact name contains an emoji tag sequence not ended by U+E007F (cancel tag)",
        ArtifactNames.problem("\ud83c\udff4\udb40\udc67\udb40\udc62"));
    assertEquals("artifact name contains an emoji tag sequence not ended by U+E007F (cancel tag)",
        ArtifactNames.problem("\ud83c\udff4\udb40\udc67more"));
    assertEquals("hidden\\ue0067", ArtifactNames.printable("hidden\udb40\udc67"), "a stray tag is shown escaped");
  }

  @Test
  void namesAreInNfcAndClientsNormalize() {
    String decomposed = "cafe\u0301";
    String composed = "caf\u00e9";
    assertEquals("artifact name is not in Unicode NFC (clients normalize names with ArtifactNames.normalize)",
        ArtifactNames.problem(decomposed));
    assertEquals(composed, ArtifactNames.normalize(decomposed));
    assertNull(ArtifactNames.problem(ArtifactNames.normalize(decomposed)));
    assertEquals("می\u200cخواهم", ArtifactNames.normalize("می\u200cخواهم"), "NFC keeps the joiners");
    assertEquals("👩\u200d💻", ArtifactNames.normalize("👩\u200d💻"));
  }

  @Test
  void limitsTheLength() {
    assertTrue(isValid("x".repeat(255)));
    assertFalse(isValid("x".repeat(256)));
    assertTrue(isValid("🐣".repeat(255)), "characters count, not UTF-16 units");
    assertNotNull(ArtifactNames.problem(null));
  }

  @Test
  void printsForbiddenCharactersEscapedAndEveryValidNameWhole() {
    assertEquals("a\\u000ab", ArtifactNames.printable("a\nb"));
    assertEquals("bidi\\u202eevil", ArtifactNames.printable("bidi\u202eevil"));
    assertEquals("می\u200cخواهم", ArtifactNames.printable("می\u200cخواهم"));
    assertEquals("x".repeat(255), ArtifactNames.printable("x".repeat(255)));
    assertEquals("x".repeat(255) + "...", ArtifactNames.printable("x".repeat(300)));
  }

  private static boolean isValid(String name) {
    return ArtifactNames.problem(name) == null;
  }
}
