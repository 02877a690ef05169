package io.stork.shell;

import io.stork.client.StorkClient;
import java.util.function.Consumer;

/**
 * One feed of cluster events for the prompt: what the name node announces (nodes dying and joining,
 * healing) and what chaos does on its own (the monkey's deeds).
 */
final class EventFeed {
  private static final Consumer<String> NOBODY = event -> { };

  private volatile Consumer<String> listener = NOBODY;

  /** Where chaos sends its events: to whoever listens now. */
  void chaosEvent(String event) {
    listener.accept(event);
  }

  /** Sends every event to {@code events} until the returned handle is closed. */
  AutoCloseable listen(StorkClient client, Consumer<String> events) {
    listener = events;
    AutoCloseable subscription = client.subscribe(event -> events.accept(event.message()));
    return () -> {
      listener = NOBODY;
      subscription.close();
    };
  }
}
