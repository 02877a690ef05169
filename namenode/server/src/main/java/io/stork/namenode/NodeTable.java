package io.stork.namenode;

import io.stork.protocol.StorageNodeProtocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;

/** The storage nodes the name node knows, live or dead, by id. */
public final class NodeTable {

  /** UNREACHABLE: the failure detector lost it; it is not read from or written to until it is back or dead. */
  public enum State { UP, UNREACHABLE, DEAD }

  /** One storage node as the name node sees it. Mutable; owned by the name node actor. */
  public static final class Node {
    final String id;
    String zone;
    List<String> capabilities;
    long capacityBytes;
    long usedBytes;
    ActorRef<StorageNodeProtocol.Command> ref;
    State state = State.UP;

    Node(StorageNodeProtocol.Description description) {
      this.id = description.nodeId();
      update(description);
    }

    void update(StorageNodeProtocol.Description description) {
      zone = description.zone() == null ? "" : description.zone();
      capabilities = List.copyOf(description.capabilities());
      capacityBytes = description.capacityBytes();
      usedBytes = description.usedBytes();
      ref = description.node();
      state = State.UP;
    }

    NodeInfo info() {
      return new NodeInfo(id, zone, capabilities, capacityBytes, usedBytes);
    }
  }

  private final Map<String, Node> nodes = new TreeMap<>();

  /** Adds or revives a node from its description. */
  public Node join(StorageNodeProtocol.Description description) {
    Node node = nodes.get(description.nodeId());
    if (node == null) {
      node = new Node(description);
      nodes.put(node.id, node);
    } else {
      node.update(description);
    }
    return node;
  }

  public Node get(String nodeId) {
    return nodes.get(nodeId);
  }

  public boolean isUp(String nodeId) {
    Node node = nodes.get(nodeId);
    return node != null && node.state == State.UP;
  }

  public Node byRef(ActorRef<StorageNodeProtocol.Command> ref) {
    for (Node node : nodes.values()) {
      if (ref.equals(node.ref)) {
        return node;
      }
    }
    return null;
  }

  public List<NodeInfo> live() {
    List<NodeInfo> live = new ArrayList<>();
    for (Node node : nodes.values()) {
      if (node.state == State.UP) {
        live.add(node.info());
      }
    }
    return live;
  }

  public Collection<Node> all() {
    return nodes.values();
  }

  public ActorRef<StorageNodeProtocol.Command> ref(String nodeId) {
    Node node = nodes.get(nodeId);
    return node == null ? null : node.ref;
  }
}
