package io.stork.shell;

import com.typesafe.config.ConfigFactory;
import io.stork.client.ArtifactReplicas;
import io.stork.protocol.ChunkId;
import io.stork.protocol.StorkException;
import io.stork.shell.ShellRunner.Result;
import io.stork.storagenode.ChunkStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code upload --require} and {@code update --require} through StorkMain, against a cluster of
 * its own whose nodes declare capabilities: sn-1 ... sn-3 ssd and gpu, sn-4 ssd, sn-5 and sn-6 hdd.
 */
class RequireShellTest {
  private static final Set<String> SSD = Set.of("sn-1", "sn-2", "sn-3", "sn-4");
  private static final Set<String> SSD_AND_GPU = Set.of("sn-1", "sn-2", "sn-3");

  @TempDir
  static Path dir;
  private static LocalCluster cluster;
  private static Environment environment;
  private static byte[] content;
  private static Path file;

  @BeforeAll
  static void startLabelledCluster() throws IOException {
    cluster = LocalCluster.start(dir.resolve("data"), ConfigFactory.parseString("""
        stork { replication = 3, chunk-size = 64KiB
                embedded { storage-nodes = 6, capabilities = [[ssd, gpu], [ssd, gpu], [ssd, gpu], ssd, hdd, hdd] } }"""));
    environment = ShellRunner.sharing(cluster);
    content = new byte[300 * 1024]; // 5 chunks
    new Random(5).nextBytes(content);
    file = Files.write(dir.resolve("content.bin"), content);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  /** A test that kills a node brings it back, even when it fails half-way. */
  @AfterEach
  void everyNodeRunning() {
    for (String node : cluster.cluster().nodeIds()) {
      if (!cluster.cluster().runningNodes().contains(node)) {
        cluster.chaos().restart(node);
      }
    }
    cluster.cluster().awaitLiveNodes(6, Duration.ofSeconds(20));
  }

  private static Result stdin(String... lines) {
    return ShellRunner.run(environment, String.join("\n", lines) + "\n", "--keep-going");
  }

  private static List<ArtifactReplicas.ChunkReplicas> chunks(String name) {
    return cluster.client().locate(name).chunks();
  }

  /** Every chunk of {@code name} has exactly {@code replicas} live replicas, every one on a node of {@code nodes}. */
  private static void assertPlaced(String name, int replicas, Set<String> nodes) {
    List<ArtifactReplicas.ChunkReplicas> chunks = chunks(name);
    assertEquals(5, chunks.size(), name);
    for (ArtifactReplicas.ChunkReplicas chunk : chunks) {
      assertEquals(replicas, chunk.nodeIds().size(), name + ": " + chunk);
      assertTrue(nodes.containsAll(chunk.nodeIds()), name + ": " + chunk + " outside " + nodes);
    }
  }

  @Test
  void everyReplicaOfEveryChunkGoesToNodesWithEveryRequiredCapability() {
    Result r = stdin(
        "upload p-ssd --file " + file + " --require ssd",
        "list p-ssd",
        "upload p-both --require ssd --file " + file + " --require gpu",
        "upload p-update first",
        "update p-update --file " + file + " --require=gpu --require ssd");
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("uploaded 'p-ssd': version 1, 300 KiB in 5 chunks, on nodes with ssd\np-ssd: version 1, "),
        r.out());
    assertTrue(r.out().contains("\nrequired capabilities: ssd\nCHUNK "), r.out());
    assertTrue(r.out().contains("uploaded 'p-both': version 1, 300 KiB in 5 chunks, on nodes with ssd and gpu\n"), r.out());
    assertTrue(r.out().endsWith("updated 'p-update': version 2, 300 KiB in 5 chunks, on nodes with gpu and ssd\n"), r.out());
    assertPlaced("p-ssd", 3, SSD);
    assertPlaced("p-both", 3, SSD_AND_GPU);
    assertPlaced("p-update", 3, SSD_AND_GPU);
    assertEquals(List.of("gpu", "ssd"), cluster.client().locate("p-update").version().requiredCapabilities());
    assertArrayEquals(content, cluster.client().getBytes("p-ssd"));
  }

  @Test
  void aCapabilityTooFewLiveNodesHaveIsRefusedAndNothingIsStored() {
    assertEquals(0, stdin("upload q-kept old").code());
    Set<ChunkId> before = chunksOnDisks();
    Result r = stdin(
        "upload q-nvme --file " + file + " --require nvme",
        "upload q-hdd new --require hdd",
        "update q-kept new --require nvme",
        "upload q-bad new --require \"fast disk\"",
        "upload q-bad2 new --require ssd --require -x",
        "get q-kept");
    assertEquals(String.join("\n",
        "<stdin>:1: error: need 3 live storage nodes with capabilities [nvme] and room, have 0 (of 6 live)",
        "<stdin>:2: error: need 3 live storage nodes with capabilities [hdd] and room, have 2 (of 6 live)",
        "<stdin>:3: error: need 3 live storage nodes with capabilities [nvme] and room, have 0 (of 6 live)",
        "<stdin>:4: error: --require: invalid capability 'fast disk': 1 to 63 letters, digits, '_', '.', ':', '-', "
            + "starting with a letter or digit",
        "<stdin>:5: error: --require: invalid capability '-x': 1 to 63 letters, digits, '_', '.', ':', '-', "
            + "starting with a letter or digit", ""), r.err());
    assertEquals(7, r.code(), "the first failure: too few nodes, unavailable");
    assertEquals("old", r.out(), "the failed update left the old version");
    for (String name : List.of("q-nvme", "q-hdd", "q-bad", "q-bad2")) {
      assertEquals("artifact '" + name + "' not found",
          assertThrows(StorkException.class, () -> cluster.client().locate(name)).getMessage());
    }
    assertEquals(1, cluster.client().locate("q-kept").version().version());
    Set<ChunkId> added = chunksOnDisks();
    added.removeAll(before);
    assertEquals(Set.of(), added, "no chunk was written anywhere");
  }

  @Test
  void repairsCopyOnlyToNodesWithTheCapabilitiesAndLeaveAChunkShortWhenNoneIsLeft() {
    assertEquals(0, stdin("upload r-ssd --file " + file + " --require ssd",
        "upload r-both --file " + file + " --require ssd --require gpu").code());
    // A victim holding a replica of r-ssd (so that something must be copied) and of r-both (it holds them all).
    String victim = SSD_AND_GPU.stream().filter(chunks("r-ssd").get(0).nodeIds()::contains).sorted().findFirst().orElseThrow();
    Set<String> ssdLeft = new HashSet<>(SSD);
    ssdLeft.remove(victim);
    Set<String> ssdAndGpuLeft = new HashSet<>(SSD_AND_GPU);
    ssdAndGpuLeft.remove(victim);

    assertEquals(0, stdin("chaos kill " + victim).code());
    // r-ssd heals on the three ssd nodes left, never on an hdd node with room to spare.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertPlaced("r-ssd", 3, ssdLeft));
    // r-both has no third node with ssd and gpu: it stays at two replicas rather than break its requirement.
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertPlaced("r-both", 2, ssdAndGpuLeft));
    Result shortOne = stdin("list r-both", "wait healed --timeout 500ms");
    assertEquals(7, shortOne.code(), "a wait that timed out: unavailable");
    assertTrue(shortOne.out().contains("\nrequired capabilities: ssd, gpu\n"), shortOne.out());
    assertTrue(shortOne.out().matches("(?s).*\n +0  [0-9a-f]{12} +64 KiB +2/3  " + String.join(" ", ssdAndGpuLeft.stream().sorted().toList())
        + "\n.*"), shortOne.out());
    assertTrue(shortOne.err().startsWith("<stdin>:2: error: wait: not healed after 500ms ("), shortOne.err());

    Result back = stdin("chaos restart " + victim, "wait healed --timeout 30s");
    assertEquals("", back.err());
    assertEquals(0, back.code());
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertPlaced("r-ssd", 3, SSD);
      assertPlaced("r-both", 3, SSD_AND_GPU);
    });
    assertArrayEquals(content, cluster.client().getBytes("r-both"));
  }

  @Test
  void listShowsWhatEveryNodeDeclared() {
    Result r = stdin("list");
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("NODE  STATE  ZONE  CAPABILITIES  CHUNKS "), r.out());
    for (String row : List.of("sn-1 +up +- +ssd,gpu +\\d+ ", "sn-3 +up +- +ssd,gpu +\\d+ ", "sn-4 +up +- +ssd +\\d+ ",
        "sn-6 +up +- +hdd +\\d+ ")) {
      assertTrue(r.out().matches("(?s).*\n" + row + ".*"), row + " in\n" + r.out());
    }
  }

  @Test
  void theLauncherGivesTheNodesTheirCapabilities() {
    Result r = ShellRunner.runReal("upload fast x --require ssd\nlist fast\nlist\n", "--data-dir", dir.resolve("launched").toString(),
        "--nodes", "4", "--capabilities", "ssd,ssd+gpu,ssd,hdd");
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("uploaded 'fast': version 1, 1 B in 1 chunk, on nodes with ssd\n"), r.out());
    assertTrue(r.out().matches("(?s).*\n +0  [0-9a-f]{12} +1 B +3/3  sn-1 sn-2 sn-3\n.*"), r.out());
    assertTrue(r.out().matches("(?s).*\nsn-2 +up +- +ssd,gpu .*\nsn-4 +up +- +hdd .*"), r.out());
  }

  /** Every chunk id on the disk of any node. */
  private static Set<ChunkId> chunksOnDisks() {
    Set<ChunkId> all = new HashSet<>();
    for (String node : cluster.cluster().nodeIds()) {
      try {
        all.addAll(ChunkStore.inspect(cluster.cluster().nodeDir(node)).chunks().keySet());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }
}
