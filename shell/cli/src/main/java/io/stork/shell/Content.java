package io.stork.shell;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Tells text a terminal can show from bytes it cannot (or must not: escape sequences). */
final class Content {
  private Content() {}

  /**
   * The content as a string when it is valid UTF-8 free of control characters other than tab, CR
   * and LF; empty when it is binary. ESC counts as binary so that a stored escape sequence can
   * never drive the user's terminal.
   */
  static Optional<String> asText(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    boolean clean = text.chars().allMatch(c -> c == '\t' || c == '\r' || c == '\n' || !Character.isISOControl(c));
    return clean ? Optional.of(text) : Optional.empty();
  }
}
