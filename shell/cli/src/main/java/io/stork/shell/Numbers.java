package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

/** Whole numbers as flags take them, with one clear line when they are not. */
final class Numbers {
  private Numbers() {}

  static int positive(String text, String flag) {
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CommandException(flag + " takes a whole number above 0, not '" + printable(text) + "'");
  }
}
