package io.stork.protocol;

/** Byte counts as people read them, in binary units (1 KiB = 1024 B), for messages every module writes. */
public final class ByteSizes {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private ByteSizes() {}

  /** 0 B, 1023 B, 1.5 KiB, 64 KiB, 9.8 MiB: one decimal below 10, none above, as {@code ls -h}. */
  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    // 1023.5 KiB would print as "1024 KiB": move up a unit before rounding can reach 1024.
    while (unit < UNITS.length - 1 && value >= 1023.5) {
      value /= 1024;
      unit++;
    }
    // Rounded by hand, not String.format: a listing formats a size per row, and Formatter is slow.
    String number;
    if (value < 9.95) {
      long tenths = Math.round(value * 10);
      number = tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
    } else {
      number = Long.toString(Math.round(value));
    }
    return number + " " + UNITS[unit];
  }
}
