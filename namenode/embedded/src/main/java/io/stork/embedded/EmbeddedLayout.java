package io.stork.embedded;

import io.stork.protocol.ErrorKind;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.stork.protocol.NodeNames;
import io.stork.protocol.StorkException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the storage nodes of an embedded cluster declare when they join: the zones of
 * {@code stork.embedded.zones} and the capabilities of {@code stork.embedded.capabilities}, given to
 * sn-1 ... sn-N in turn (a list shorter than the nodes starts again from its first entry).
 */
record EmbeddedLayout(List<String> zones, List<List<String>> capabilities) {
  static final String ZONES = "stork.embedded.zones";
  static final String CAPABILITIES = "stork.embedded.capabilities";

  /** What one node declares. */
  record Labels(String zone, List<String> capabilities) {
    static final Labels NONE = new Labels("", List.of());

    Labels {
      capabilities = List.copyOf(capabilities);
    }
  }

  EmbeddedLayout {
    zones = List.copyOf(zones);
    capabilities = capabilities.stream().map(List::copyOf).toList();
  }

  /**
   * Reads both lists; every name must be one a storage node accepts. An entry of the capabilities
   * is a list of names ({@code [ssd, gpu]}, {@code []} for none) or a single name ({@code ssd}).
   */
  static EmbeddedLayout fromConfig(Config config) {
    List<String> zones = config.getStringList(ZONES);
    zones.stream().filter(zone -> !zone.isEmpty()).forEach(zone -> check(ZONES, "zone", zone));
    List<List<String>> capabilities = new ArrayList<>();
    for (ConfigValue entry : config.getList(CAPABILITIES)) {
      capabilities.add(names(entry));
    }
    return new EmbeddedLayout(zones, capabilities);
  }

  /** The labels of the node at {@code index} (0 for sn-1). */
  Labels labels(int index) {
    String zone = zones.isEmpty() ? "" : zones.get(index % zones.size());
    return new Labels(zone, capabilities.isEmpty() ? List.of() : capabilities.get(index % capabilities.size()));
  }

  private static List<String> names(ConfigValue entry) {
    if ("".equals(entry.unwrapped())) {
      return List.of(); // "" for none, as a zone is ""
    }
    List<ConfigValue> values = entry.valueType() == ConfigValueType.LIST ? (ConfigList) entry : List.of(entry);
    List<String> names = new ArrayList<>();
    for (ConfigValue value : values) {
      if (value.valueType() != ConfigValueType.STRING) {
        throw new StorkException(ErrorKind.INVALID, CAPABILITIES + ": an entry is a capability name or a list of them ([ssd, gpu]), not "
            + value.render(ConfigRenderOptions.concise()));
      }
      names.add(check(CAPABILITIES, "capability", (String) value.unwrapped()));
    }
    return names;
  }

  private static String check(String key, String what, String name) {
    if (!NodeNames.isValidLabel(name)) {
      throw new StorkException(ErrorKind.INVALID, key + ": invalid " + what + " '" + name + "': " + NodeNames.LABEL_RULE);
    }
    return name;
  }
}
