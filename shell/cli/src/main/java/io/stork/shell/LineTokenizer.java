package io.stork.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell does, without expansions: white space
 * separates words; '...' keeps everything verbatim; "..." too, except that \" and \\ stand for " and
 * \; outside quotes, a backslash keeps the next character. Quoted and unquoted parts of one word
 * join ({@code a"b c"} is {@code ab c}). An unclosed quote is an error rather than a guess, since
 * the line would otherwise be stored as content the user did not mean.
 */
final class LineTokenizer {

  /** One word; {@code quoted} tells {@code "--file"} (content) from {@code --file} (a flag). */
  record Word(String text, boolean quoted) {
    static Word plain(String text) {
      return new Word(text, false);
    }
  }

  private LineTokenizer() {}

  static List<Word> split(String line) {
    List<Word> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inWord = false;
    boolean quoted = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
          current.append(line.charAt(++i));
        } else {
          current.append(c);
        }
      } else if (c == ' ' || c == '\t') {
        if (inWord) {
          words.add(new Word(current.toString(), quoted));
          current.setLength(0);
          inWord = false;
          quoted = false;
        }
      } else {
        inWord = true;
        if (c == '\'' || c == '"') {
          quote = c;
          quoted = true;
        } else if (c == '\\' && i + 1 < line.length()) {
          current.append(line.charAt(++i));
          quoted = true;
        } else {
          current.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new CommandException("unclosed " + quote + " quote (close it, or escape it with \\" + quote + ")");
    }
    if (inWord) {
      words.add(new Word(current.toString(), quoted));
    }
    return words;
  }

  /**
   * The commands of a {@code -c} string: split at each {@code ;} outside quotes and not escaped
   * ({@code upload a 'x; y'; get a} is two commands); each keeps its quotes for {@link #split}.
   */
  static List<String> splitCommands(String text) {
    List<String> commands = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == 0 && c == ';') {
        commands.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
      if (quote == 0 && c == '\\' && i + 1 < text.length()) {
        current.append(text.charAt(++i));
      } else if (quote == '"' && c == '\\' && i + 1 < text.length()) {
        current.append(text.charAt(++i));
      } else if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    commands.add(current.toString());
    return commands;
  }

  /** The word as the user would type it back: quoted only when it has to be. */
  static String quote(String word) {
    if (!word.isEmpty() && word.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '\'' || c == '"' || c == '\\')) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
