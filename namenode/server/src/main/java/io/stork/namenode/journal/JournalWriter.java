package io.stork.namenode.journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Appends journal entries with group commit: entries that arrive while one fsync runs are written
 * and fsynced together by the next (in every metadata directory), and acknowledged in order. Runs on
 * the disk dispatcher.
 * A metadata directory whose write fails is dropped by the {@link MetadataStore}; once none is left
 * it fails every later append: the name node then refuses changes instead of acknowledging something
 * that is not durable.
 */
public final class JournalWriter extends AbstractBehavior<JournalWriter.Command> {

  public interface Command extends NoSerializationVerificationNeeded {}

  /** Append one entry; {@code replyTo} hears {@link Appended} in the order of the appends. */
  public record Append(JournalEntry entry, ActorRef<Appended> replyTo) implements Command {}

  /**
   * The next {@code count} appends are durable, or failed with {@code error}; {@code lastSequence}
   * is the journal sequence the metadata has reached (that of the last of them, when durable).
   */
  public record Appended(int count, String error, long lastSequence) implements NoSerializationVerificationNeeded {}

  private enum Flush implements Command { INSTANCE }

  public static Behavior<Command> create(MetadataStore journal) {
    return create(journal, nanos -> { });
  }

  /** As {@link #create(MetadataStore)}; {@code synced} hears how long each group commit (write and fsync) took. */
  public static Behavior<Command> create(MetadataStore journal, LongConsumer synced) {
    return Behaviors.setup(context -> new JournalWriter(context, journal, synced));
  }

  private final MetadataStore journal;
  private final LongConsumer synced;
  private final List<JournalEntry> batch = new ArrayList<>();
  private ActorRef<Appended> replyTo;
  private boolean flushQueued;
  private String failure;

  private JournalWriter(ActorContext<Command> context, MetadataStore journal, LongConsumer synced) {
    super(context);
    this.journal = journal;
    this.synced = synced;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Append.class, this::onAppend)
        .onMessageEquals(Flush.INSTANCE, this::onFlush)
        .onSignal(PostStop.class, signal -> onStop())
        .build();
  }

  private Behavior<Command> onAppend(Append append) {
    replyTo = append.replyTo();
    batch.add(append.entry());
    if (!flushQueued) {
      flushQueued = true;
      getContext().getSelf().tell(Flush.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> onFlush() {
    flushQueued = false;
    if (batch.isEmpty()) {
      return this;
    }
    if (failure == null) {
      try {
        long started = System.nanoTime();
        journal.append(batch);
        synced.accept(System.nanoTime() - started);
      } catch (IOException e) {
        failure = "journal write failed: " + e.getMessage();
        getContext().getLog().error("{}; the name node refuses changes from now on", failure);
      }
    }
    replyTo.tell(new Appended(batch.size(), failure, journal.lastSequence()));
    batch.clear();
    return this;
  }

  private Behavior<Command> onStop() {
    try {
      journal.close();
    } catch (IOException e) {
      getContext().getLog().warn("closing the journal: {}", e.getMessage());
    }
    return this;
  }
}
