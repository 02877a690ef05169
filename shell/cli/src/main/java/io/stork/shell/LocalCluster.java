package io.stork.shell;

import com.typesafe.config.Config;
import io.stork.chaos.Chaos;
import io.stork.client.StorkClient;
import io.stork.embedded.EmbeddedCluster;
import java.nio.file.Path;

/** An embedded cluster as the shell uses it: the cluster, the chaos controls wired into its storage nodes, and its events. */
final class LocalCluster implements AutoCloseable {
  private final EmbeddedCluster cluster;
  private final Chaos chaos;
  private final EventFeed events = new EventFeed();

  private LocalCluster(EmbeddedCluster cluster, Chaos.Injector injector) {
    this.cluster = cluster;
    this.chaos = injector.attach(cluster, System.nanoTime(), events::chaosEvent);
  }

  static LocalCluster start(Path dataDir, Config config) {
    Chaos.Injector injector = Chaos.Injector.create();
    return new LocalCluster(EmbeddedCluster.start(dataDir, config, injector.wrapper()), injector);
  }

  StorkClient client() {
    return cluster.client();
  }

  Chaos chaos() {
    return chaos;
  }

  EventFeed events() {
    return events;
  }

  EmbeddedCluster cluster() {
    return cluster;
  }

  @Override
  public void close() {
    try {
      chaos.close();
    } finally {
      cluster.close();
    }
  }
}
