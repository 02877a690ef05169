package io.stork.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreBackoffTest {
  private static final Duration CEILING = Duration.ofSeconds(10);

  @Test
  void theFirstAttemptWaitsTheLearnedTimeoutAndEachRetryTwiceAsLongUpToTheCeiling() {
    Duration learned = Duration.ofMillis(50);
    assertEquals(Duration.ofMillis(50), ChunkPipeline.backedOff(learned, CEILING, 1));
    assertEquals(Duration.ofMillis(100), ChunkPipeline.backedOff(learned, CEILING, 2));
    assertEquals(Duration.ofMillis(6400), ChunkPipeline.backedOff(learned, CEILING, 8));
    assertEquals(CEILING, ChunkPipeline.backedOff(learned, CEILING, 9));
    assertEquals(CEILING, ChunkPipeline.backedOff(learned, CEILING, 1_000), "no overflow");
  }
}
