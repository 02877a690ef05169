package io.stork.namenode;

import io.stork.protocol.ClusterEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who hears the cluster's events, each until its subscription runs out: clients are not cluster
 * members, so nobody can watch them, and one that stopped renewing is dropped instead.
 */
final class Subscribers {
  private final long timeoutNanos;
  private final Map<ActorRef<ClusterEvent>, Long> deadlines = new HashMap<>();

  Subscribers(long timeoutNanos) {
    this.timeoutNanos = timeoutNanos;
  }

  /** Subscribes, or renews a subscription. */
  void subscribe(ActorRef<ClusterEvent> subscriber, long nowNanos) {
    deadlines.put(subscriber, nowNanos + timeoutNanos);
  }

  void unsubscribe(ActorRef<ClusterEvent> subscriber) {
    deadlines.remove(subscriber);
  }

  void publish(ClusterEvent event, long nowNanos) {
    deadlines.values().removeIf(deadline -> deadline - nowNanos < 0);
    deadlines.keySet().forEach(subscriber -> subscriber.tell(event));
  }

  int size() {
    return deadlines.size();
  }
}
