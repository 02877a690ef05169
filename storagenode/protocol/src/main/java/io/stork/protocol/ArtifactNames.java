package io.stork.protocol;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The rules for artifact names, shared by the name node and every client. Names are keys in the
 * namespace, never file names (chunks are stored under random hex ids), but a name is still limited
 * to what a person can type and read: 1 to 255 characters (so at most 1020 bytes of UTF-8), every
 * printable character of any script, and of the format characters (Unicode category Cf) only those
 * that real text needs and that cannot make a name pass for another:
 * <ul>
 *   <li>the zero-width non-joiner and joiner (U+200C, U+200D) of Persian words and emoji ZWJ sequences;
 *   <li>the prepended concatenation marks (U+0600..U+0605, U+06DD, U+070F, U+0890, U+0891, U+08E2,
 *       U+110BD, U+110CD): Arabic, Syriac and Kaithi number and year signs, which are drawn;
 *   <li>tag characters (U+E0020..U+E007E) only inside an emoji tag sequence: after U+1F3F4 (black
 *       flag) and ended by U+E007F, as in the flags of England, Scotland and Wales.
 * </ul>
 * Refused, each with its own reason: control characters (Cc), the bidirectional overrides and
 * isolates that can make a name read as another (U+202A..U+202E, U+2066..U+2069), every other format
 * character (the soft hyphen, the bidirectional marks U+200E, U+200F, U+061C, U+200B, U+2060..U+2064,
 * U+FEFF, stray tags: invisible, so two names would look alike), line and paragraph separators,
 * unassigned code points, lone surrogates, leading or trailing white space, a backslash, and
 * '/'-separated segments that are empty, {@code .} or {@code ..} (so that a name can never steer
 * {@code get x --out} or any future export outside a directory).
 *
 * <p>Names are in Unicode NFC: two names that differ only by normalization ({@code é} as one code
 * point, or as {@code e} and a combining accent) are the same name. Clients {@link #normalize}
 * what a user types; the name node refuses a name not in NFC, so that the namespace never holds two
 * spellings of one name, whatever a raw protocol client sends.
 */
public final class ArtifactNames {
  public static final int MAX_CHARACTERS = 255;

  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;
  private static final int BLACK_FLAG = 0x1F3F4;
  private static final int CANCEL_TAG = 0xE007F;

  private ArtifactNames() {}

  /** {@code name} in NFC, the form the namespace holds: what a client sends for what the user typed. */
  public static String normalize(String name) {
    return name == null || Normalizer.isNormalized(name, Normalizer.Form.NFC) ? name : Normalizer.normalize(name, Normalizer.Form.NFC);
  }

  /** Returns null when the name is valid, else the reason it is not. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "artifact name is empty";
    }
    int characters = name.codePointCount(0, name.length());
    if (characters > MAX_CHARACTERS) {
      return "artifact name is longer than " + MAX_CHARACTERS + " characters";
    }
    int previous = -1;
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      if (isTagSpec(previous) && !isTagSpec(codePoint) && codePoint != CANCEL_TAG) {
        return unendedTagSequence();
      }
      String why = forbidden(codePoint, previous);
      if (why != null) {
        return "artifact name contains " + why;
      }
      previous = codePoint;
      i += Character.charCount(codePoint);
    }
    if (isTagSpec(previous)) {
      return unendedTagSequence();
    }
    if (name.indexOf('\\') >= 0) {
      return "artifact name contains a backslash";
    }
    if (Character.isWhitespace(name.codePointAt(0)) || Character.isWhitespace(name.codePointBefore(name.length()))) {
      return "artifact name starts or ends with white space";
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "artifact name has an empty, '.' or '..' path segment";
      }
    }
    if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
      return "artifact name is not in Unicode NFC (clients normalize names with ArtifactNames.normalize)";
    }
    return null;
  }

  /** A name (or any typed word) safe to show in one line of output: forbidden code points escaped, cut after 255 characters. */
  public static String printable(String name) {
    if (name == null) {
      return "";
    }
    if (name.length() <= MAX_CHARACTERS && isAllPrintable(name)) {
      return name; // the common case, cheap: list prints one name per row
    }
    StringBuilder out = new StringBuilder();
    int previous = -1;
    for (int i = 0, shown = 0; i < name.length() && shown < MAX_CHARACTERS; shown++) {
      int codePoint = name.codePointAt(i);
      if (forbidden(codePoint, previous) != null) {
        out.append(String.format(Locale.ROOT, "\\u%04x", codePoint));
      } else {
        out.appendCodePoint(codePoint);
      }
      previous = codePoint;
      i += Character.charCount(codePoint);
    }
    if (name.codePointCount(0, name.length()) > MAX_CHARACTERS) {
      out.append("...");
    }
    return out.toString();
  }

  /** True when no code point of {@code name} is forbidden; a loop, as list calls it once per row. */
  private static boolean isAllPrintable(String name) {
    int previous = -1;
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      if (codePoint >= 0x20 && codePoint < 0x7f) {
        previous = codePoint;
        i++;
        continue;
      }
      if (forbidden(codePoint, previous) != null) {
        return false;
      }
      previous = codePoint;
      i += Character.charCount(codePoint);
    }
    return true;
  }

  /** Why {@code codePoint}, after {@code previous} (-1 at the start), may not be in a name (the words after "contains"), or null when it may. */
  private static String forbidden(int codePoint, int previous) {
    if (codePoint >= 0x20 && codePoint < 0x7f) {
      return null;
    }
    String at = " (" + String.format(Locale.ROOT, "U+%04X", codePoint) + ")";
    if ((codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069)) {
      return "a bidirectional override or isolate" + at + ", which can make it read as another name";
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL -> "a control character" + at;
      case Character.FORMAT -> isAllowedFormat(codePoint, previous) ? null
          : isTagSpec(codePoint) || codePoint == CANCEL_TAG ? "a tag character" + at + " outside an emoji tag sequence (a flag)"
          : "an invisible format character" + at;
      case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line or paragraph separator" + at;
      case Character.SURROGATE -> "a lone surrogate" + at + ", which is no character";
      case Character.UNASSIGNED -> "an unassigned code point" + at;
      default -> null;
    };
  }

  /** The format characters a name may hold (see the class comment); a tag only where its sequence allows it. */
  private static boolean isAllowedFormat(int codePoint, int previous) {
    return switch (codePoint) {
      case ZWNJ, ZWJ -> true;
      case 0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD -> true;
      case CANCEL_TAG -> isTagSpec(previous);
      default -> isTagSpec(codePoint) && (previous == BLACK_FLAG || isTagSpec(previous));
    };
  }

  private static boolean isTagSpec(int codePoint) {
    return codePoint >= 0xE0020 && codePoint <= 0xE007E;
  }

  private static String unendedTagSequence() {
    return "artifact name contains an emoji tag sequence not ended by U+E007F (cancel tag)";
  }
}
