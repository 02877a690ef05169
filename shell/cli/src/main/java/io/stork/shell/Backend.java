package io.stork.shell;

import io.stork.chaos.Chaos;
import io.stork.client.StorkClient;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The cluster a shell talks to; closing it stops what the shell started. */
interface Backend extends AutoCloseable {
  StorkClient client();

  /** Fault injection into this cluster. */
  Chaos chaos();

  /** Sends cluster events ({@code sn-2 dead: ...}, {@code healed in 3.2 s: ...}) to {@code events} until closed. */
  AutoCloseable events(Consumer<Event> events);

  /** Null while the cluster can be reached; else why not, for every command from then on. */
  default String lost() {
    return null;
  }

  /** One line for the banner: what runs where. */
  String description();

  @Override
  void close();

  /** A backend over a running local cluster; {@code onClose} is what closing it does. */
  static Backend of(LocalCluster cluster, String description, Runnable onClose) {
    return of(cluster.client(), cluster.chaos(), cluster.events(), description, onClose);
  }

  static Backend of(StorkClient client, Chaos chaos, EventFeed feed, String description, Runnable onClose) {
    return of(client, chaos, feed, description, () -> null, onClose);
  }

  static Backend of(StorkClient client, Chaos chaos, EventFeed feed, String description, Supplier<String> lost,
                    Runnable onClose) {
    return new Backend() {
      @Override
      public String lost() {
        return lost.get();
      }

      @Override
      public StorkClient client() {
        return client;
      }

      @Override
      public Chaos chaos() {
        return chaos;
      }

      @Override
      public AutoCloseable events(Consumer<Event> events) {
        return feed.listen(client, events);
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public void close() {
        onClose.run();
      }
    };
  }
}
