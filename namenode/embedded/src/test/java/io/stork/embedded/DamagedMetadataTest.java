package io.stork.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.namenode.journal.RecordFormat;
import io.stork.namenode.journal.RecordScanner;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A byte flipped in the middle of the name node's journal: the cluster refuses to start, until the operator says --recover-journal. */
class DamagedMetadataTest {
  private static final String SETTINGS = "stork.chunk-size = 64KiB";

  @Test
  void aFlippedByteRefusesTheStartAndRecoveryServesTheRecordsBeforeIt(@TempDir Path dir) throws IOException {
    List<byte[]> contents = new ArrayList<>();
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, SETTINGS)) {
      for (int i = 0; i < 7; i++) {
        contents.add(TestData.random(10_000 + i * 1_000, i));
        cluster.client().upload("artifact-" + i, contents.get(i));
      }
    }
    Path segment = onlySegment(dir.resolve("namenode").resolve("metadata"));
    byte[] data = Files.readAllBytes(segment);
    List<RecordScanner.Record> records = RecordScanner.scan(data, RecordFormat.SEQUENCED, 1).records();
    assertEquals(7, records.size());
    long fifth = records.get(3).end();
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.seek(fifth + 40);
      file.write(data[(int) fifth + 40] ^ 0x01);
    }

    StorkException refused = assertThrows(StorkException.class, () -> ClusterFixture.start(dir, SETTINGS).close());
    assertEquals(ErrorKind.CORRUPT, refused.kind());
    assertTrue(refused.getMessage().startsWith("the name node's metadata is damaged, so it does not start (nothing was changed): "
        + segment + " record 5 at byte " + fifth + ": its checksum does not match"), refused.getMessage());
    assertTrue(refused.getMessage().contains("--recover-journal"), refused.getMessage());

    try (EmbeddedCluster cluster = ClusterFixture.start(dir, SETTINGS + "\nstork.namenode.recover-journal = on")) {
      assertEquals(List.of("artifact-0", "artifact-1", "artifact-2", "artifact-3"),
          cluster.client().allArtifacts("").stream().map(ArtifactStatus::name).toList());
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(contents.get(i), cluster.client().getBytes("artifact-" + i), "artifact-" + i);
      }
    }
    assertTrue(Files.exists(segment.resolveSibling(segment.getFileName() + ".removed-at-" + fifth)), "what was cut is kept");
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, SETTINGS)) {
      assertEquals(4, cluster.client().allArtifacts("").size(), "a plain start after the recovery");
    }
  }

  private static Path onlySegment(Path metadata) throws IOException {
    try (Stream<Path> files = Files.list(metadata)) {
      List<Path> segments = files.filter(f -> f.getFileName().toString().matches("segment-\\d+\\.log")).toList();
      assertEquals(1, segments.size(), segments.toString());
      return segments.get(0);
    }
  }
}
