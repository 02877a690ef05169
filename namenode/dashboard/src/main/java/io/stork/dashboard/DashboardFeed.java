package io.stork.dashboard;

import io.stork.protocol.ClusterEvent;
import io.stork.protocol.NameNodeProtocol;
import java.time.Duration;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Feeds the {@link LiveStream}: subscribed to the name node's cluster events (renewing, as every
 * client does), it sends each event on at once and asks for the cluster's state then, and every
 * {@code refresh} while a page watches. A state is sent only when it changed; one question at a
 * time, so that a burst of events costs one more fetch, not one each.
 */
final class DashboardFeed extends AbstractBehavior<DashboardFeed.Command> {
  interface Command extends NoSerializationVerificationNeeded {}

  /** A page started listening: it gets the state of now, changed or not. */
  enum Connected implements Command { INSTANCE }

  private enum Tick implements Command { REFRESH, RENEW }

  private record EventArrived(ClusterEvent event) implements Command {}

  private record Fetched(ClusterView.Fetched fetched, Throwable failure) implements Command {}

  static Behavior<Command> create(ActorRef<NameNodeProtocol.Command> nameNode, ClusterView view, LiveStream stream,
                                  DashboardSettings settings, boolean writable) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.REFRESH, settings.refresh());
      timers.startTimerWithFixedDelay(Tick.RENEW, settings.subscriptionRenewal());
      return new DashboardFeed(context, nameNode, view, stream, writable);
    }));
  }

  private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

  private final ActorRef<NameNodeProtocol.Command> nameNode;
  private final ActorRef<ClusterEvent> events;
  private final ClusterView view;
  private final LiveStream stream;
  private final boolean writable;
  private final HealingRate healing = new HealingRate(RATE_WINDOW.toNanos());
  private boolean fetching;
  private boolean fetchAgain;
  private boolean publishEvenIfSame;
  private long seq;
  private String lastContent = "";

  private DashboardFeed(ActorContext<Command> context, ActorRef<NameNodeProtocol.Command> nameNode, ClusterView view,
                        LiveStream stream, boolean writable) {
    super(context);
    this.nameNode = nameNode;
    this.view = view;
    this.stream = stream;
    this.writable = writable;
    this.events = context.messageAdapter(ClusterEvent.class, EventArrived::new);
    nameNode.tell(new NameNodeProtocol.Subscribe(events));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(EventArrived.class, this::onEvent)
        .onMessageEquals(Connected.INSTANCE, () -> {
          publishEvenIfSame = true;
          return fetchNow();
        })
        .onMessageEquals(Tick.REFRESH, () -> stream.pages() > 0 ? fetchNow() : this)
        .onMessageEquals(Tick.RENEW, () -> {
          nameNode.tell(new NameNodeProtocol.Subscribe(events));
          return this;
        })
        .onMessage(Fetched.class, this::onFetched)
        .build();
  }

  private Behavior<Command> onEvent(EventArrived arrived) {
    seq++;
    stream.publishEvent(seq, Json.write(new Views.Event(seq, arrived.event())));
    return stream.pages() > 0 ? fetchNow() : this;
  }

  private Behavior<Command> fetchNow() {
    if (fetching) {
      fetchAgain = true; // the answer on its way may predate what prompted this
      return this;
    }
    fetching = true;
    getContext().pipeToSelf(view.fetch(), Fetched::new);
    return this;
  }

  private Behavior<Command> onFetched(Fetched answer) {
    fetching = false;
    if (answer.failure() != null) {
      getContext().getLog().debug("the dashboard's state questions failed: {}", answer.failure().getMessage());
    } else {
      publish(answer.fetched());
    }
    if (fetchAgain) {
      fetchAgain = false;
      fetchNow();
    }
    return this;
  }

  private void publish(ClusterView.Fetched fetched) {
    Views.Healing heal = healing.next(fetched.summary(), System.nanoTime());
    Views.Placement placement = PlacementMap.placement(fetched.nodes(), fetched.rows(), fetched.summary().artifacts(), fetched.more());
    String content = Json.write(new Views.State(0, 0, fetched.summary(), fetched.nodes(), heal, placement, writable));
    if (publishEvenIfSame || !content.equals(lastContent)) { // nothing new: nothing sent
      publishEvenIfSame = false;
      lastContent = content;
      seq++;
      stream.publishState(seq, Json.write(new Views.State(seq, System.currentTimeMillis(), fetched.summary(), fetched.nodes(), heal,
          placement, writable)));
    }
  }
}
