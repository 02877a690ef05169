package io.stork.namenode;

import io.stork.storagenode.StorageNode;
import org.apache.pekko.actor.typed.Behavior;

/** Wraps each embedded storage node's behaviour, e.g. in a fault injector. */
@FunctionalInterface
public interface StorageNodeWrapper {
  StorageNodeWrapper NONE = (nodeId, node) -> node;

  Behavior<StorageNode.Command> wrap(String nodeId, Behavior<StorageNode.Command> node);
}
