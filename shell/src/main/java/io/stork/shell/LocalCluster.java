package io.stork.shell;

import com.typesafe.config.Config;
import io.stork.chaos.Chaos;
import io.stork.namenode.EmbeddedCluster;
import io.stork.namenode.StorkClient;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * An embedded cluster as the shell uses it: the cluster, the chaos controls wired into its storage
 * nodes, and one feed of events (nodes dying and joining, healing, the chaos monkey's deeds).
 */
final class LocalCluster implements AutoCloseable {
  private static final Consumer<String> NOBODY = event -> { };

  private final EmbeddedCluster cluster;
  private final Chaos chaos;
  private volatile Consumer<String> listener = NOBODY;

  private LocalCluster(EmbeddedCluster cluster, Chaos.Injector injector) {
    this.cluster = cluster;
    this.chaos = injector.attach(cluster, System.nanoTime(), event -> listener.accept(event));
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

  EmbeddedCluster cluster() {
    return cluster;
  }

  /** Sends every event to {@code events} until the returned handle is closed. */
  AutoCloseable events(Consumer<String> events) {
    listener = events;
    AutoCloseable subscription = cluster.client().subscribe(event -> events.accept(event.message()));
    return () -> {
      listener = NOBODY;
      subscription.close();
    };
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
