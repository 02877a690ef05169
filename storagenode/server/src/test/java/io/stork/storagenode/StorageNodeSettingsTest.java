package io.stork.storagenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageNodeSettingsTest {
  @Test
  void theOrphanGraceIsHoursByDefaultAndSetByStorkOrphanGrace() {
    StorageNodeSettings defaults = StorageNodeSettings.of("sn-1", Path.of("d"), "", List.of(), ConfigFactory.load());
    assertEquals(Duration.ofHours(6), defaults.orphanGrace());
    assertEquals(StorageNodeSettings.DEFAULT_ORPHAN_GRACE, defaults.orphanGrace(), "reference.conf and the code agree");
    StorageNodeSettings set = StorageNodeSettings.of("sn-1", Path.of("d"), "", List.of(),
        ConfigFactory.parseMap(Map.of("stork.orphan-grace", "2d")).withFallback(ConfigFactory.load()));
    assertEquals(Duration.ofDays(2), set.orphanGrace());
  }

  @Test
  void aNegativeOrphanGraceIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new StorageNodeSettings("sn-1",
        Path.of("d"), "", List.of(), 1, 0, 0, Duration.ofSeconds(1), Duration.ofSeconds(-1)));
    assertEquals("the orphan grace must not be negative", refused.getMessage());
  }
}
