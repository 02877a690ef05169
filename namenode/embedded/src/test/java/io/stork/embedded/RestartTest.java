package io.stork.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stork.client.StorkClient;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.StorkException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The namespace and the chunks survive a restart of the whole embedded cluster. */
class RestartTest {

  @Test
  void everyCommittedArtifactIsBackByteForByteAfterARestart(@TempDir Path dir) {
    Map<String, byte[]> expected = new LinkedHashMap<>();
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "stork.chunk-size = 64KiB")) {
      StorkClient client = cluster.client();
      for (int i = 0; i < 6; i++) {
        byte[] content = TestData.random(i * 50_000, i);
        client.upload("artifact-" + i, content);
        expected.put("artifact-" + i, content);
      }
      byte[] updated = TestData.random(123_456, 99);
      client.update("artifact-2", updated);
      expected.put("artifact-2", updated);
      client.delete("artifact-4");
      expected.remove("artifact-4");
    }
    for (int restart = 0; restart < 2; restart++) {
      try (EmbeddedCluster cluster = ClusterFixture.start(dir, "stork.chunk-size = 64KiB")) {
        StorkClient client = cluster.client();
        assertEquals(expected.keySet(), Map.copyOf(client.allArtifacts("").stream()
            .collect(java.util.stream.Collectors.toMap(ArtifactStatus::name, a -> a.name()))).keySet());
        expected.forEach((name, content) -> assertArrayEquals(content, client.getBytes(name), name));
        assertEquals(2, client.locate("artifact-2").version().version());
        assertThrows(StorkException.class, () -> client.getBytes("artifact-4"));
        client.allArtifacts("").forEach(a -> assertEquals(a.chunks() * 3L, a.liveReplicas(), a.name() + " fully replicated"));
      }
    }
  }
}
