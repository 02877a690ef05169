package io.stork.protocol;

import java.util.regex.Pattern;

/**
 * What a storage node's id, its zone and its capabilities may be: names that travel in messages,
 * in file names and on command lines, so only plain letters, digits and a few separators.
 */
public final class NodeNames {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}");
  /** What a zone or a capability may be, in words, for error messages. */
  public static final String LABEL_RULE = "1 to 63 letters, digits, '_', '.', ':', '-', starting with a letter or digit";

  private NodeNames() {}

  /** Whether {@code label} may name a zone or a capability (the rule is {@link #LABEL_RULE}). */
  public static boolean isValidLabel(String label) {
    return label != null && LABEL.matcher(label).matches();
  }

  public static boolean isValidNodeId(String nodeId) {
    return nodeId != null && ID.matcher(nodeId).matches();
  }

  public static String requireValidNodeId(String nodeId) {
    if (!isValidNodeId(nodeId)) {
      throw new IllegalArgumentException("invalid node id: letters, digits, '_', '.', '-', at most 63, starting with a letter or digit");
    }
    return nodeId;
  }
}
