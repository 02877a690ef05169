package io.stork.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.client.StorkClient;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random bytes of random files of a stopped cluster flipped, zeroed or cut off: the name node's
 * metadata, the chunk files, the storage nodes' records. The only outcomes allowed when it starts
 * again: a clear refusal naming the damage, or a store that serves every acknowledged artifact byte
 * for byte (a read may fail only with a kind that says the data is unavailable or damaged, never
 * with other bytes), keeps a delete deleted, and, where its metadata lost a change, holds safe mode
 * until {@code recover} brings the change back. Never a silent loss.
 */
class StoppedClusterCorruptionTest {
  private static final String SETTINGS = "stork.chunk-size = 64KiB\nstork.repair.startup-grace = 200ms";

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
  void damageIsRefusedOrSurvivedNeverSilentlyLost(long seed, @TempDir Path dir) throws IOException {
    Random random = new Random(seed);
    Map<String, byte[]> expected = new LinkedHashMap<>();
    try (EmbeddedCluster cluster = ClusterFixture.start(dir, SETTINGS)) {
      StorkClient client = cluster.client();
      for (int i = 0; i < 5; i++) {
        byte[] content = TestData.random(1 + random.nextInt(200_000), seed * 10 + i);
        client.upload("artifact-" + i, content);
        expected.put("artifact-" + i, content);
      }
      byte[] updated = TestData.random(90_000, seed * 10 + 7);
      client.update("artifact-1", updated);
      expected.put("artifact-1", updated);
      client.delete("artifact-3");
      expected.remove("artifact-3");
      await().atMost(Duration.ofSeconds(30)).until(() -> client.summary().healed());
    }
    List<String> damage = damageRandomFiles(dir, random);

    EmbeddedCluster cluster;
    try {
      cluster = ClusterFixture.start(dir, SETTINGS);
    } catch (StorkException refused) {
      assertEquals(ErrorKind.CORRUPT, refused.kind(), damage + ": " + refused.getMessage());
      assertTrue(refused.getMessage().contains("--recover-journal") || refused.getMessage().contains("restore"),
          "the refusal says how to recover: " + refused.getMessage());
      return;
    }
    try (cluster) {
      StorkClient client = cluster.client();
      await().atMost(Duration.ofSeconds(30)).until(() -> client.safeMode().reason().isEmpty() || client.summary().inSafeMode());
      if (client.summary().inSafeMode()) {
        client.recover(); // the metadata lost a change the nodes hold: it said so, and gets it back
      }
      for (Map.Entry<String, byte[]> artifact : expected.entrySet()) {
        try {
          assertArrayEquals(artifact.getValue(), client.getBytes(artifact.getKey()), artifact.getKey() + " after " + damage);
        } catch (StorkException unavailable) {
          assertTrue(Set.of(ErrorKind.UNAVAILABLE, ErrorKind.CORRUPT).contains(unavailable.kind()),
              artifact.getKey() + " after " + damage + ": " + unavailable.getMessage());
        }
      }
      assertFalse(client.names("", 100).contains("artifact-3"), "a delete stays deleted after " + damage);
      assertThrows(StorkException.class, () -> client.getBytes("artifact-3"));
    }
  }

  /** Flips, zeroes or cuts one to three files of the store; says what it did. */
  private static List<String> damageRandomFiles(Path dir, Random random) throws IOException {
    List<List<Path>> kinds = new ArrayList<>(); // a kind first, then a file of it: the few metadata files are hit as often
    for (String kind : List.of("/metadata/", ".chunk", ".rec")) {
      try (Stream<Path> walk = Files.walk(dir)) {
        kinds.add(walk.filter(Files::isRegularFile).filter(f -> f.toString().contains(kind)).sorted().toList());
      }
    }
    List<String> done = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      List<Path> files = kinds.get(random.nextInt(kinds.size()));
      Path file = files.get(random.nextInt(files.size()));
      long size = Files.size(file);
      if (size == 0) {
        continue;
      }
      long at = (long) (random.nextDouble() * size);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        switch (random.nextInt(3)) {
          case 0 -> {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, at);
            channel.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ (1 << random.nextInt(8)))}), at);
            done.add("flipped a bit at " + at + " of " + dir.relativize(file));
          }
          case 1 -> {
            int length = (int) Math.min(size - at, 1 + random.nextInt(64));
            channel.write(ByteBuffer.allocate(length), at);
            done.add("zeroed " + length + " bytes at " + at + " of " + dir.relativize(file));
          }
          default -> {
            channel.truncate(at);
            done.add("cut " + dir.relativize(file) + " to " + at + " bytes");
          }
        }
      }
    }
    return done;
  }
}
