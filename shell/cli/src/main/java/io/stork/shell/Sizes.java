package io.stork.shell;

import io.stork.protocol.ByteSizes;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as people type and read them, in binary units: 1 KiB = 1024 B. */
final class Sizes {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");

  private Sizes() {}

  /**
   * Parses {@code 512}, {@code 64KiB}, {@code 4 MiB}, {@code 1.5G}. Decimal units (kB, MB) are
   * refused rather than guessed: a chunk size off by 2.4% would be a silent surprise.
   */
  static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size (examples: 512, 64KiB, 4MiB)");
    }
    int power = power(m.group(2));
    if (power < 0) {
      throw new IllegalArgumentException("unknown unit '" + m.group(2) + "' in '" + text + "' (use B, KiB, MiB or GiB)");
    }
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return bytes.longValue(); // fractions of a byte are dropped
  }

  private static int power(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "", "b" -> 0;
      case "k", "kib" -> 1;
      case "m", "mib" -> 2;
      case "g", "gib" -> 3;
      case "t", "tib" -> 4;
      default -> -1;
    };
  }

  /** 0 B, 1023 B, 1.5 KiB, 64 KiB, 9.8 MiB (see {@link ByteSizes#format}). */
  static String format(long bytes) {
    return ByteSizes.format(bytes);
  }
}
