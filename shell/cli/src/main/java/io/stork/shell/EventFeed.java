package io.stork.shell;

import io.stork.client.StorkClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One feed of cluster events for the shell: what the name node announces (nodes dying and joining,
 * damaged replicas, healing) and what chaos does on its own (the monkey's deeds), to every listener
 * (the prompt, and an events command running).
 */
final class EventFeed {
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

  /** Where chaos sends its events: to whoever listens now. */
  void chaosEvent(String message) {
    Event event = Event.chaos(message);
    listeners.forEach(l -> l.accept(event));
  }

  /** Sends every event to {@code events} until the returned handle is closed. */
  AutoCloseable listen(StorkClient client, Consumer<Event> events) {
    listeners.add(events);
    AutoCloseable subscription = client.subscribe(event -> events.accept(Event.of(event)));
    return () -> {
      listeners.remove(events);
      subscription.close();
    };
  }
}
