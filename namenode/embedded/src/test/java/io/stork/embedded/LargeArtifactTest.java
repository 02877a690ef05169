package io.stork.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.client.StorkClient;
import io.stork.client.TransferListener;
import io.stork.protocol.ArtifactVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content streams through in bounded frames: an artifact twice the size of this JVM's whole heap
 * (surefire runs this module with -Xmx384m) uploads and downloads intact.
 */
class LargeArtifactTest {
  static final long SIZE = 768L << 20;

  @Test
  void anArtifactLargerThanTheHeapStreamsBothWays(@TempDir Path dir) throws Exception {
    long heap = Runtime.getRuntime().maxMemory();
    assertTrue(heap < SIZE, "the point of this test is content larger than the heap (" + heap + " bytes)");
    String expected = TestData.sha256(TestData.stream(SIZE, 5));
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, "")) {
      ArtifactVersion version = cluster.client().write("big.iso", false, TestData.stream(SIZE, 5), SIZE,
          StorkClient.WriteOptions.DEFAULT, TransferListener.NONE);
      assertEquals(expected, version.sha256());
      TestData.DigestSink sink = new TestData.DigestSink();
      cluster.client().get("big.iso", sink, TransferListener.NONE);
      assertEquals(SIZE, sink.count);
      assertEquals(expected, sink.hex());
    }
  }
}
