package io.stork.protocol;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * Chaos's handle on a storage node process, at {@link #PATH} in it: end it as a crash would, or
 * change the drops and delays of messages to its storage node. Only peers with the cluster's keys
 * can reach it.
 */
public final class ProcessControlProtocol {
  private ProcessControlProtocol() {}

  /** Where the process control lives in a storage node process. */
  public static final String PATH = "/user/process";

  public interface Command extends StorkMessage {}

  /** Ends the process if it runs storage node {@code nodeId}; {@code replyTo} hears just before. */
  public record Crash(String nodeId, ActorRef<Crashing> replyTo) implements Command {}

  public record Crashing(String nodeId, long pid) implements StorkMessage {}

  /** Replaces the drops and delays of messages to this process's storage node. */
  public record SetFaults(FaultRules rules, ActorRef<FaultsSet> replyTo) implements Command {}

  public record FaultsSet(String nodeId) implements StorkMessage {}
}
