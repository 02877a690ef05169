package io.stork.namenode;

import io.stork.protocol.StorageNodeProtocol;
import io.stork.runtime.HostPort;
import io.stork.runtime.data.DataWatch;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.ClusterActorRefProvider;
import org.apache.pekko.cluster.ClusterEvent.ReachabilityEvent;
import org.apache.pekko.cluster.ClusterEvent.ReachableMember;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;

/**
 * Everything that tells the replica keeper a storage node is lost or back: the death watch of each
 * node's actor ({@link ReplicaKeeper.NodeTerminated}), the failure detector across processes
 * ({@link ReplicaKeeper.Reachability}), and a watch of each node's process on its data channel
 * ({@link ReplicaKeeper.ProcessSeen}), which knows a killed process within milliseconds where the
 * failure detector needs seconds of missed heartbeats. Used on the keeper's thread; the process
 * watches call back on their own.
 */
final class NodeWatches {
  private final ActorContext<ReplicaKeeper.Command> context;
  private final ProcessWatcher watcher;
  private final Logger log;
  private final Map<ActorRef<StorageNodeProtocol.Command>, AutoCloseable> processes = new HashMap<>();

  NodeWatches(ActorContext<ReplicaKeeper.Command> context, ProcessWatcher watcher) {
    this.context = context;
    this.watcher = watcher;
    this.log = context.getLog();
    // The provider itself, not its config string (which may be "cluster" or the class name).
    if (((ExtendedActorSystem) Adapter.toClassic(context.getSystem())).provider() instanceof ClusterActorRefProvider) {
      Cluster.get(context.getSystem()).subscriptions().tell(org.apache.pekko.cluster.typed.Subscribe.create(
          context.messageAdapter(ReachabilityEvent.class,
              event -> new ReplicaKeeper.Reachability(event.member().address(), event instanceof ReachableMember)),
          ReachabilityEvent.class));
    }
  }

  /** A node joined: watched until it dies. */
  void watch(NodeTable.Node node) {
    context.watchWith(node.ref, new ReplicaKeeper.NodeTerminated(node.id, node.ref));
    if (node.dataAddress == null || node.dataAddress.isEmpty() || processes.containsKey(node.ref)) {
      return;
    }
    HostPort address;
    try {
      address = HostPort.parse(node.dataAddress);
    } catch (IllegalArgumentException e) {
      log.warn("storage node {} named a data channel that is no address ({}): only the failure detector watches its process",
          node.id, e.getMessage());
      return;
    }
    processes.put(node.ref, watcher.watch(address, listener(node.id, node.ref)));
  }

  private DataWatch.Listener listener(String id, ActorRef<StorageNodeProtocol.Command> ref) {
    ActorRef<ReplicaKeeper.Command> keeper = context.getSelf();
    return new DataWatch.Listener() {
      @Override
      public void gone(String why) {
        log.warn("storage node {}'s process is gone: {}", id, why);
        keeper.tell(new ReplicaKeeper.ProcessSeen(ref, false));
      }

      @Override
      public void back() {
        log.info("storage node {}'s data channel answers again", id);
        keeper.tell(new ReplicaKeeper.ProcessSeen(ref, true));
      }
    };
  }

  /** The node died: its process is no longer watched. */
  void forget(ActorRef<StorageNodeProtocol.Command> ref) {
    close(processes.remove(ref));
  }

  void closeAll() {
    processes.values().forEach(NodeWatches::close);
    processes.clear();
  }

  private static void close(AutoCloseable watch) {
    if (watch == null) {
      return;
    }
    try {
      watch.close();
    } catch (Exception ignored) {
      // a watch's close only stops its thread
    }
  }
}
