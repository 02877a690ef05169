package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import io.stork.protocol.NodeNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Capability names as a user types them, checked by the rule a storage node declares its own by
 * ({@link StorageNodeSettings#isValidLabel}): {@code upload --require CAP} and the launcher's
 * {@code --capabilities}.
 */
final class Capabilities {
  /** Between the entries of {@code --capabilities}, one entry a node. */
  static final String NODE_SEPARATOR = ",";
  /** Between the capabilities of one node: {@code ssd+gpu}. */
  static final String JOIN = "+";
  /** An entry for a node that declares none. */
  static final String NONE = "-";

  private Capabilities() {}

  /** The values of {@code --require}: every one checked, a repeated one kept once, in the order typed. */
  static List<String> required(List<String> typed) {
    for (String name : typed) {
      if (!NodeNames.isValidLabel(name)) {
        throw new CommandException("--require: " + invalid(name));
      }
    }
    return typed.stream().distinct().toList();
  }

  /**
   * The launcher's {@code --capabilities}: {@code ssd+gpu,ssd,-,hdd} gives the first node ssd and
   * gpu, the second ssd, the third none, the fourth hdd.
   */
  static List<List<String>> perNode(String spec) throws UsageException {
    if (spec.isBlank()) {
      throw new UsageException("--capabilities needs one entry a node, like ssd,ssd,hdd");
    }
    List<List<String>> nodes = new ArrayList<>();
    for (String entry : spec.split(NODE_SEPARATOR, -1)) {
      String trimmed = entry.strip();
      List<String> names = new ArrayList<>();
      if (!trimmed.isEmpty() && !trimmed.equals(NONE)) {
        for (String name : trimmed.split("\\" + JOIN, -1)) {
          if (!NodeNames.isValidLabel(name)) {
            throw new UsageException("--capabilities: " + invalid(name));
          }
          names.add(name);
        }
      }
      nodes.add(names.stream().distinct().toList());
    }
    return nodes;
  }

  private static String invalid(String name) {
    return "invalid capability '" + printable(name) + "': " + NodeNames.LABEL_RULE;
  }
}
