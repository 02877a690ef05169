package io.stork.embedded;

import io.stork.embedded.EmbeddedLayout.Labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.stork.protocol.StorkException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedLayoutTest {

  private static EmbeddedLayout layout(String hocon) {
    return EmbeddedLayout.fromConfig(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()));
  }

  private static String error(String hocon) {
    return assertThrows(StorkException.class, () -> layout(hocon)).getMessage();
  }

  @Test
  void byDefaultNoNodeDeclaresAnything() {
    EmbeddedLayout layout = layout("");
    assertEquals(Labels.NONE, layout.labels(0));
    assertEquals(Labels.NONE, layout.labels(7));
  }

  @Test
  void zonesAndCapabilitiesGoToTheNodesInTurn() {
    EmbeddedLayout layout = layout("stork.embedded { zones = [a, b], capabilities = [[ssd, gpu], ssd, [], \"\"] }");
    assertEquals(List.of(new Labels("a", List.of("ssd", "gpu")), new Labels("b", List.of("ssd")), new Labels("a", List.of()),
        new Labels("b", List.of()), new Labels("a", List.of("ssd", "gpu"))),
        List.of(layout.labels(0), layout.labels(1), layout.labels(2), layout.labels(3), layout.labels(4)));
  }

  @Test
  void aNameNoStorageNodeWouldAcceptIsRefusedWithTheKey() {
    assertEquals("stork.embedded.capabilities: invalid capability 'ssd,gpu': 1 to 63 letters, digits, '_', '.', ':', '-', "
        + "starting with a letter or digit", error("stork.embedded.capabilities = [\"ssd,gpu\"]"));
    assertEquals("stork.embedded.capabilities: invalid capability '': 1 to 63 letters, digits, '_', '.', ':', '-', "
        + "starting with a letter or digit", error("stork.embedded.capabilities = [[ssd, \"\"]]"));
    assertEquals("stork.embedded.capabilities: an entry is a capability name or a list of them ([ssd, gpu]), not {\"a\":1}",
        error("stork.embedded.capabilities = [[{a = 1}]]"));
    assertEquals("stork.embedded.zones: invalid zone 'eu west': 1 to 63 letters, digits, '_', '.', ':', '-', "
        + "starting with a letter or digit", error("stork.embedded.zones = [\"eu west\"]"));
  }
}
