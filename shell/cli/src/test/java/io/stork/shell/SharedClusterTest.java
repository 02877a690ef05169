package io.stork.shell;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One small cluster per test class, shared by its tests, with StorkMain runs pointed at it. */
abstract class SharedClusterTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static Environment environment;

  @BeforeAll
  static void startCluster() {
    cluster = ShellRunner.startCluster(dir.resolve("data"));
    environment = ShellRunner.sharing(cluster);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }
}
