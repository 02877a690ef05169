package io.stork.embedded;

import io.stork.namenode.NameNode;
import io.stork.namenode.NameNodeMetrics;
import io.stork.namenode.NameNodeSettings;
import io.stork.namenode.journal.MetadataOpener;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.runtime.data.ChunkTransport;
import io.stork.runtime.DiskDispatcher;
import io.stork.storagenode.StorageNode;
import io.stork.storagenode.StorageNodeMetrics;
import io.stork.storagenode.StorageNodeSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The root actor of an embedded cluster: parent of the name node and the storage nodes, so that
 * storage nodes can be stopped as a crash would stop them (no goodbye) and started again. A storage
 * node that fails (its directory unusable, say) costs only itself: the guardian says which and why.
 */
final class EmbeddedGuardian extends AbstractBehavior<EmbeddedGuardian.Command> {

  interface Command extends NoSerializationVerificationNeeded {}

  record StartNameNode(NameNodeSettings settings, MetadataOpener.Opened journal, NameNodeMetrics metrics,
                       ActorRef<Started<NameNodeProtocol.Command>> replyTo) implements Command {}

  record StartStorageNode(StorageNodeSettings settings, ActorRef<Started<StorageNodeProtocol.Command>> replyTo) implements Command {}

  /** Stops a storage node; {@code replyTo} hears back once it is gone. */
  record StopStorageNode(String nodeId, ActorRef<Started<StorageNodeProtocol.Command>> replyTo) implements Command {}

  /** A started (or, for a stop, stopped) actor; null ref with an error when it could not be done. */
  record Started<T>(ActorRef<T> ref, String error) implements NoSerializationVerificationNeeded {}

  /** @param failed told the id and the cause (one line) of each storage node that fails */
  static Behavior<Command> create(StorageNodeWrapper wrapper, BiConsumer<String, String> failed, StorageNodeMetrics metrics) {
    return Behaviors.setup(context -> new EmbeddedGuardian(context, wrapper, failed, metrics));
  }

  private final StorageNodeWrapper wrapper;
  private final BiConsumer<String, String> failed;
  private final StorageNodeMetrics metrics;
  /** Every node is in this JVM: chunks go to the actors themselves. */
  private final ChunkTransport transport;
  private final Map<String, ActorRef<StorageNodeProtocol.Command>> storageNodes = new HashMap<>();
  /** Who waits for a node being stopped to be gone. */
  private final Map<ActorRef<?>, ActorRef<Started<StorageNodeProtocol.Command>>> stopping = new HashMap<>();
  private int incarnation;

  private EmbeddedGuardian(ActorContext<Command> context, StorageNodeWrapper wrapper, BiConsumer<String, String> failed,
                           StorageNodeMetrics metrics) {
    super(context);
    this.wrapper = wrapper;
    this.failed = failed;
    this.metrics = metrics;
    this.transport = ChunkTransport.local(context.getSystem());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StartNameNode.class, this::onStartNameNode)
        .onMessage(StartStorageNode.class, this::onStartStorageNode)
        .onMessage(StopStorageNode.class, this::onStopStorageNode)
        .onSignal(ChildFailed.class, this::onNodeFailed)
        .onSignal(Terminated.class, this::onNodeGone)
        .build();
  }

  private Behavior<Command> onStartNameNode(StartNameNode start) {
    ActorRef<NameNodeProtocol.Command> nameNode = getContext().spawn(NameNode.create(start.settings(), start.journal(), start.metrics()), "namenode");
    start.replyTo().tell(new Started<>(nameNode, null));
    return this;
  }

  private Behavior<Command> onStartStorageNode(StartStorageNode start) {
    String id = start.settings().nodeId();
    if (storageNodes.containsKey(id)) {
      start.replyTo().tell(new Started<>(null, "storage node " + id + " is already running"));
      return this;
    }
    ActorRef<StorageNodeProtocol.Command> node = getContext().spawn(wrapper.wrap(id, StorageNode.create(start.settings(), transport, "", metrics,
        reads -> { })), // in one JVM, reads go to the actor
        id + "-" + (++incarnation), DiskDispatcher.SELECTOR);
    getContext().watch(node);
    storageNodes.put(id, node);
    start.replyTo().tell(new Started<>(node, null));
    return this;
  }

  private Behavior<Command> onStopStorageNode(StopStorageNode stop) {
    ActorRef<StorageNodeProtocol.Command> node = storageNodes.remove(stop.nodeId());
    if (node == null) {
      stop.replyTo().tell(new Started<>(null, "storage node " + stop.nodeId() + " is not running"));
      return this;
    }
    stopping.put(node, stop.replyTo());
    getContext().stop(node);
    return this;
  }

  /** A storage node threw (while opening its directory, say): it is gone, and the cluster is told why. */
  private Behavior<Command> onNodeFailed(ChildFailed failure) {
    storageNodes.entrySet().stream().filter(entry -> entry.getValue().equals(failure.getRef())).findFirst().ifPresent(entry -> {
      storageNodes.remove(entry.getKey());
      failed.accept(entry.getKey(), NodeFailures.reason(failure.getCause()));
    });
    return onNodeGone(failure);
  }

  private Behavior<Command> onNodeGone(Terminated gone) {
    ActorRef<Started<StorageNodeProtocol.Command>> waiting = stopping.remove(gone.getRef());
    if (waiting != null) {
      waiting.tell(new Started<>(null, null));
    }
    return this;
  }
}
