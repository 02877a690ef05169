package io.stork.client;

import io.stork.protocol.NameNodeProtocol;
import java.util.function.Consumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Hands the name node's {@link NameNodeProtocol.ClusterEvent}s to a plain Java listener until stopped. */
final class EventForwarder {
  enum Stop implements NoSerializationVerificationNeeded { INSTANCE }

  private EventForwarder() {}

  static Behavior<Object> create(Consumer<NameNodeProtocol.ClusterEvent> listener) {
    return Behaviors.receive(Object.class)
        .onMessage(NameNodeProtocol.ClusterEvent.class, event -> {
          listener.accept(event);
          return Behaviors.same();
        })
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .build();
  }
}
