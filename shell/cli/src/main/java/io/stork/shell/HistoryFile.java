package io.stork.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The prompt's history as JLine keeps it on disk ({@code millis:line}, newlines and backslashes escaped), for history off the prompt. */
final class HistoryFile {
  private HistoryFile() {}

  static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(HistoryFile::entry).toList();
    } catch (IOException e) {
      return List.of(); // no history yet
    }
  }

  private static String entry(String stored) {
    int colon = stored.indexOf(':');
    String text = colon > 0 && stored.substring(0, colon).chars().allMatch(Character::isDigit) ? stored.substring(colon + 1) : stored;
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        line.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        line.append(c);
      }
    }
    return line.toString();
  }
}
