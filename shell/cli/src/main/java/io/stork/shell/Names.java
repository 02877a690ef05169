package io.stork.shell;

import io.stork.protocol.ArtifactNames;

/** An artifact name as the user typed it, made the name the namespace holds: checked, in NFC. */
final class Names {
  private Names() {}

  static String checked(String typed) {
    String name = ArtifactNames.normalize(typed);
    String problem = ArtifactNames.problem(name);
    if (problem != null) {
      throw new CommandException(problem);
    }
    return name;
  }
}
