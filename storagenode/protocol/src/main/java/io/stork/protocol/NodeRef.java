package io.stork.protocol;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * A storage node as a client or another node addresses it: its id, its actor, and where its data
 * channel listens ({@code host:port}; empty when chunks go to the actor itself, in one JVM).
 */
public record NodeRef(String nodeId, ActorRef<StorageNodeProtocol.Command> ref, String dataAddress) implements StorkMessage {}
