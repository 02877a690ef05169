package io.stork.embedded;

import io.stork.protocol.StorageNodeProtocol;
import org.apache.pekko.actor.typed.Behavior;

/** Wraps each embedded storage node's behaviour, e.g. in a fault injector. */
@FunctionalInterface
public interface StorageNodeWrapper {
  StorageNodeWrapper NONE = (nodeId, node) -> node;

  Behavior<StorageNodeProtocol.Command> wrap(String nodeId, Behavior<StorageNodeProtocol.Command> node);
}
