package io.stork.runtime;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** Finds actors through the receptionist, which in a multi-process cluster learns of remote ones by gossip. */
public final class Services {
  private static final Duration POLL = Duration.ofMillis(100);

  private Services() {}

  /** One actor registered under {@code key}, waiting up to {@code timeout} for one to be known here. */
  public static <T> Optional<ActorRef<T>> find(ActorSystem<?> system, ServiceKey<T> key, Duration timeout) {
    Requests requests = new Requests(system.scheduler());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Receptionist.Listing listing = requests.askAndWait(system.receptionist(),
          (ActorRef<Receptionist.Listing> replyTo) -> Receptionist.find(key, replyTo), Duration.ofSeconds(5), "the receptionist");
      Set<ActorRef<T>> found = listing.getServiceInstances(key);
      if (!found.isEmpty()) {
        return Optional.of(found.iterator().next());
      }
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorkException(ErrorKind.CANCELLED, "cancelled");
      }
    }
  }
}
