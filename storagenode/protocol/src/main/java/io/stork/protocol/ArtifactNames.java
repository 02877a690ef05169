package io.stork.protocol;

/**
 * The rules for artifact names. Names are keys in the namespace, never file names (chunks are
 * stored under random hex ids), but a name is still limited to what a person can type and read:
 * 1 to 255 characters (so at most 1020 bytes of UTF-8), no control or format characters, no leading
 * or trailing white space, no backslash, and '/'-separated segments that are neither empty nor
 * {@code .} nor {@code ..}, so that {@code get x --out} and any future export can never be steered
 * outside a directory by a name.
 */
public final class ArtifactNames {
  public static final int MAX_CHARACTERS = 255;

  private ArtifactNames() {}

  /** Returns null when the name is valid, else the reason it is not. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "artifact name is empty";
    }
    int characters = name.codePointCount(0, name.length());
    if (characters > MAX_CHARACTERS) {
      return "artifact name is longer than " + MAX_CHARACTERS + " characters";
    }
    if (!isAllPrintable(name)) {
      return "artifact name contains a control character";
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
    return null;
  }

  /** A name safe to show in one line of output, whatever the user typed. */
  public static String printable(String name) {
    if (name == null) {
      return "";
    }
    if (name.length() <= 80 && isAllPrintable(name)) {
      return name; // the common case, cheap: list prints one name per row
    }
    StringBuilder out = new StringBuilder();
    name.codePoints().limit(80).forEach(cp -> {
      if (isForbidden(cp)) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    if (name.codePointCount(0, name.length()) > 80) {
      out.append("...");
    }
    return out.toString();
  }

  /** True when no code point of {@code name} is forbidden; a loop, as list calls it once per row. */
  private static boolean isAllPrintable(String name) {
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      if (isForbidden(codePoint)) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }

  private static boolean isForbidden(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
  }
}
