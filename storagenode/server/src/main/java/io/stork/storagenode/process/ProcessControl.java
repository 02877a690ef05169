package io.stork.storagenode.process;

import io.stork.faults.FaultPlan;
import io.stork.protocol.ProcessControlProtocol.Command;
import io.stork.protocol.ProcessControlProtocol.Crash;
import io.stork.protocol.ProcessControlProtocol.Crashing;
import io.stork.protocol.ProcessControlProtocol.FaultsSet;
import io.stork.protocol.ProcessControlProtocol.SetFaults;
import java.time.Duration;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Chaos's handle on a storage node process: {@link Crash} ends it as a crash would (no goodbye to
 * the cluster, no shutdown hooks, data left as it is on disk), {@link SetFaults} makes its storage
 * node drop or delay messages. Runs only in a standalone storage node process, at
 * {@link ProcessControlProtocol#PATH}; only peers with the cluster's keys can reach it.
 */
public final class ProcessControl {

  /** Messages of the actor itself. */
  private interface Internal extends Command {}

  private enum Halt implements Internal, NoSerializationVerificationNeeded { INSTANCE }

  /** The exit status of a process killed by SIGKILL, which is what this imitates. */
  static final int CRASH_STATUS = 137;
  // Long enough for the reply to leave the process.
  private static final Duration GRACE = Duration.ofMillis(200);

  private ProcessControl() {}

  static Behavior<Command> create(String nodeId, FaultPlan faults) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      return Behaviors.receive(Command.class)
          .onMessage(Crash.class, crash -> {
            if (!nodeId.equals(crash.nodeId()) || crash.replyTo() == null) {
              context.getLog().warn("refused a crash request for '{}' (this is {})", crash.nodeId(), nodeId);
              return Behaviors.same();
            }
            context.getLog().warn("crashing on request (chaos kill): the process ends now");
            crash.replyTo().tell(new Crashing(nodeId, ProcessHandle.current().pid()));
            timers.startSingleTimer(Halt.INSTANCE, GRACE);
            return Behaviors.same();
          })
          .onMessage(SetFaults.class, set -> {
            if (set.rules() == null || set.replyTo() == null) {
              context.getLog().warn("refused a fault plan with a missing field");
              return Behaviors.same();
            }
            faults.set(set.rules());
            context.getLog().warn("chaos: messages to this node now: {}", faults.describe().isEmpty() ? "normal" : faults.describe());
            set.replyTo().tell(new FaultsSet(nodeId));
            return Behaviors.same();
          })
          .onMessageEquals(Halt.INSTANCE, () -> {
            Runtime.getRuntime().halt(CRASH_STATUS);
            return Behaviors.same();
          })
          .build();
    }));
  }
}
