package io.stork.bench;

/**
 * One measured figure; {@code limit} names the machine limit it is bounded by (null when none)
 * and {@code ratio} is the figure divided by that limit, both measured in the same run.
 */
public record Figure(String name, double value, String unit, String limit, Double ratio) {

  static Figure of(String name, double value, String unit) {
    return new Figure(name, value, unit, null, null);
  }

  static Figure against(String name, double value, String unit, String limit, double limitValue) {
    return new Figure(name, value, unit, limit, limitValue > 0 ? value / limitValue : null);
  }

  /** {@code name: value unit (ratio to limit)}. */
  String line() {
    String text = name + ": " + format(value) + " " + unit;
    return ratio == null ? text : text + String.format(" (%.2f of %s)", ratio, limit);
  }

  private static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.valueOf((long) value);
    }
    return Math.abs(value) >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
  }
}
