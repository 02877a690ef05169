package io.stork.faults;

import io.stork.protocol.StorageNodeProtocol;
import java.util.PriorityQueue;
import java.util.Random;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Stands in front of a storage node, as test kits' interceptors do, and drops or delays the
 * messages sent to it as its {@link FaultPlan} says. A delayed message is held here and handed to
 * the node when a timer wakes the actor up; a killed node loses what it held, as a crash would.
 */
public final class FaultInterceptor extends BehaviorInterceptor<StorageNodeProtocol.Command, StorageNodeProtocol.Command> {

  /** Wakes the actor up to release delayed messages that are due. */
  private enum Wake implements StorageNodeProtocol.Command, NoSerializationVerificationNeeded { INSTANCE }

  private record Held(long dueNanos, long order, StorageNodeProtocol.Command message) {}

  private final String nodeId;
  private final FaultPlan plan;
  private final Random random = new Random();
  private final PriorityQueue<Held> held = new PriorityQueue<>((a, b) ->
      a.dueNanos() != b.dueNanos() ? Long.compare(a.dueNanos(), b.dueNanos()) : Long.compare(a.order(), b.order()));
  private long order;

  FaultInterceptor(String nodeId, FaultPlan plan) {
    super(StorageNodeProtocol.Command.class);
    this.nodeId = nodeId;
    this.plan = plan;
  }

  public static Behavior<StorageNodeProtocol.Command> wrap(String nodeId, FaultPlan plan, Behavior<StorageNodeProtocol.Command> node) {
    // A new interceptor per incarnation: held messages die with the node.
    return Behaviors.intercept(() -> new FaultInterceptor(nodeId, plan), node);
  }

  @Override
  public Behavior<StorageNodeProtocol.Command> aroundReceive(TypedActorContext<StorageNodeProtocol.Command> context,
                                                     StorageNodeProtocol.Command message, ReceiveTarget<StorageNodeProtocol.Command> target) {
    Behavior<StorageNodeProtocol.Command> next = releaseDue(context, target);
    if (message == Wake.INSTANCE) {
      return next;
    }
    FaultPlan.Fault fault = plan.decide(nodeId, random);
    if (fault.drop()) {
      context.asJava().getLog().debug("chaos: dropped {} to {}", message.getClass().getSimpleName(), nodeId);
      return next;
    }
    if (!fault.delay().isZero()) {
      held.add(new Held(System.nanoTime() + fault.delay().toNanos(), order++, message));
      context.asJava().scheduleOnce(fault.delay(), context.asJava().getSelf(), Wake.INSTANCE);
      return next;
    }
    return target.apply(context, message);
  }

  private Behavior<StorageNodeProtocol.Command> releaseDue(TypedActorContext<StorageNodeProtocol.Command> context,
                                                   ReceiveTarget<StorageNodeProtocol.Command> target) {
    Behavior<StorageNodeProtocol.Command> next = Behaviors.same();
    long now = System.nanoTime();
    while (!held.isEmpty() && held.peek().dueNanos() <= now) {
      next = target.apply(context, held.poll().message());
    }
    return next;
  }
}
