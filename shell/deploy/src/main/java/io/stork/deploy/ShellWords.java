package io.stork.deploy;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Words quoted for a POSIX shell: what ssh runs on the other host, and what people read and paste. */
final class ShellWords {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private ShellWords() {}

  /** {@code word} as the shell reads it back exactly: bare when nothing in it is special, else in single quotes. */
  static String quote(String word) {
    return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  static String join(List<String> words) {
    return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
  }
}
