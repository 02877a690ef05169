package io.stork.shell;

import io.stork.protocol.ArtifactNames;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: {@code 250ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private Durations() {}

  static Duration parse(String text, String what) {
    Matcher m = DURATION.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new CommandException(what + ": '" + ArtifactNames.printable(text)
          + "' is not a duration (like 250ms, 10s, 1.5s, 2m, 1h)");
    }
    double millis = Double.parseDouble(m.group(1)) * switch (m.group(2)) {
      case "ms" -> 1;
      case "s" -> 1_000;
      case "m" -> 60_000;
      default -> 3_600_000;
    };
    if (millis > Duration.ofDays(365).toMillis()) {
      throw new CommandException(what + ": " + text + " is longer than a year");
    }
    return Duration.ofMillis(Math.round(millis));
  }

  /** {@code 1.2s}, {@code 350ms}: short and readable. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis < 1_000 ? millis + "ms" : String.format("%.1fs", millis / 1000.0);
  }
}
