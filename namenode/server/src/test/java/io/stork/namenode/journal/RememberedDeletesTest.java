package io.stork.namenode.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stork.namenode.Namespace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A delete is remembered across checkpoints and restarts: a name created again continues its versions. */
class RememberedDeletesTest {

  @Test
  void aCheckpointKeepsTheVersionEachDeleteRemoved(@TempDir Path data) throws IOException {
    List<Path> dirs = List.of(data.resolve("metadata"));
    MetadataFixture.write(data, dirs, 2, List.of(MetadataFixture.commit("a", 1), MetadataFixture.commit("a", 2),
        new JournalEntry.Deleted("a", 2), MetadataFixture.commit("b", 1), new JournalEntry.Deleted("b", 1),
        MetadataFixture.commit("b", 2)));
    MetadataOpener.Opened opened = MetadataFixture.open(data, dirs, 2, false);
    opened.store().close();
    Namespace namespace = Namespace.of(opened.image());
    assertEquals(2, namespace.deletedVersion("a"), "a checkpoint was taken after the delete");
    assertEquals(0, namespace.deletedVersion("b"), "created again: nothing to remember");
    assertEquals(2, namespace.get("b").version());
    assertEquals(1, MetadataFixture.files(dirs.get(0), "checkpoint-").size());
  }
}
