package io.stork.client;

import io.stork.protocol.ClusterEvent;
import io.stork.protocol.NameNodeProtocol;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Hands the name node's {@link ClusterEvent}s to a plain Java listener until stopped, renewing its
 * subscription all the while (the name node drops subscribers that fall silent).
 */
final class EventForwarder {
  interface Command extends NoSerializationVerificationNeeded {}

  enum Stop implements Command { INSTANCE }

  private enum Renew implements Command { INSTANCE }

  private record Event(ClusterEvent event) implements Command {}

  private EventForwarder() {}

  static Behavior<Command> create(ActorRef<NameNodeProtocol.Command> nameNode, Consumer<ClusterEvent> listener, Duration renewal) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      ActorRef<ClusterEvent> events = context.messageAdapter(ClusterEvent.class, Event::new);
      nameNode.tell(new NameNodeProtocol.Subscribe(events));
      timers.startTimerWithFixedDelay(Renew.INSTANCE, renewal);
      return Behaviors.receive(Command.class)
          .onMessage(Event.class, event -> {
            listener.accept(event.event());
            return Behaviors.same();
          })
          .onMessageEquals(Renew.INSTANCE, () -> {
            nameNode.tell(new NameNodeProtocol.Subscribe(events));
            return Behaviors.same();
          })
          .onMessageEquals(Stop.INSTANCE, () -> {
            nameNode.tell(new NameNodeProtocol.Unsubscribe(events));
            return Behaviors.stopped();
          })
          .build();
    }));
  }
}
