package io.stork.shell;

import java.util.regex.Pattern;

/** Globs over artifact names: {@code *} is any run of characters ('/' included), {@code ?} one character; the rest is literal. */
final class Globs {
  private Globs() {}

  static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    glob.codePoints().forEach(cp -> {
      if (cp == '*' || cp == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(cp == '*' ? ".*" : ".");
      } else {
        literal.appendCodePoint(cp);
      }
    });
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
