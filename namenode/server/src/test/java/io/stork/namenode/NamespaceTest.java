package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stork.namenode.journal.JournalEntry;
import io.stork.protocol.ArtifactVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceTest {
  static ArtifactVersion version(String name, long version, long size) {
    return new ArtifactVersion(name, version, size, "0".repeat(64), List.of(), 0, List.of());
  }

  @Test
  void aDeleteIsRememberedUntilTheNameIsCreatedAgain() {
    Namespace namespace = new Namespace();
    namespace.apply(new JournalEntry.Committed(version("a", 1, 10)));
    namespace.apply(new JournalEntry.Committed(version("a", 2, 20)));
    assertEquals(20, namespace.bytes());
    assertEquals(version("a", 2, 20), namespace.apply(new JournalEntry.Deleted("a", 2)));
    assertNull(namespace.get("a"));
    assertEquals(0, namespace.bytes());
    assertEquals(2, namespace.deletedVersion("a"), "the next version of 'a' is 3, not 1");
    assertEquals(Map.of("a", 2L), namespace.deleted());

    namespace.apply(new JournalEntry.Committed(version("a", 3, 5)));
    assertEquals(0, namespace.deletedVersion("a"));
    assertEquals(Map.of(), namespace.deleted());
    assertEquals(0, namespace.deletedVersion("never"));
  }
}
