package io.stork.namenode;

import io.stork.protocol.NodeRef;
import io.stork.protocol.NodeState;
import io.stork.protocol.StorageNodeProtocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The storage nodes the replica keeper knows, live or dead, by id: what each declared when it
 * joined, its state, and the bytes it holds or was promised. Owned by the replica keeper; only its
 * methods change a node.
 */
final class NodeTable {

  /** One storage node as the name node sees it. */
  static final class Node {
    final String id;
    String zone;
    List<String> capabilities;
    long capacityBytes;
    long usedBytes;
    ActorRef<StorageNodeProtocol.Command> ref;
    /** Where its data channel listens, or empty (one JVM: chunks go to its actor). */
    String dataAddress;
    NodeState state = NodeState.UP;

    private Node(String id) {
      this.id = id;
    }

    NodeInfo info() {
      return new NodeInfo(id, zone, capabilities, capacityBytes, usedBytes);
    }

    /** Where the node's process listens ({@code host:port}), or empty in one JVM. */
    String address() {
      Address address = ref.path().address();
      return address.getHost().map(host -> host + ":" + address.getPort().orElse(0)).orElse("");
    }
  }

  private final Map<String, Node> nodes = new TreeMap<>();

  /** Adds or revives a node from its description: up, with what it says it holds. */
  Node join(StorageNodeProtocol.Description description) {
    Node node = nodes.computeIfAbsent(description.nodeId(), Node::new);
    node.zone = description.zone() == null ? "" : description.zone();
    node.capabilities = List.copyOf(description.capabilities());
    node.capacityBytes = description.capacityBytes();
    node.usedBytes = description.usedBytes();
    node.ref = description.node();
    node.dataAddress = description.dataAddress();
    node.state = NodeState.UP;
    return node;
  }

  Node get(String nodeId) {
    return nodes.get(nodeId);
  }

  boolean isUp(String nodeId) {
    Node node = nodes.get(nodeId);
    return node != null && node.state == NodeState.UP;
  }

  void setState(Node node, NodeState state) {
    node.state = state;
  }

  /** {@code bytes} more are promised to the node (placed on it) or were copied to it. */
  void use(String nodeId, long bytes) {
    Node node = nodes.get(nodeId);
    if (node != null) {
      node.usedBytes += bytes;
    }
  }

  /** {@code bytes} are no longer the node's: a chunk deleted there, or placed and never written. */
  void release(String nodeId, long bytes) {
    Node node = nodes.get(nodeId);
    if (node != null) {
      node.usedBytes = Math.max(0, node.usedBytes - bytes);
    }
  }

  /** What the node itself said it holds, less what it is about to delete. */
  void reported(String nodeId, long usedBytes) {
    Node node = nodes.get(nodeId);
    if (node != null) {
      node.usedBytes = Math.max(0, usedBytes);
    }
  }

  Node byRef(ActorRef<StorageNodeProtocol.Command> ref) {
    for (Node node : nodes.values()) {
      if (ref.equals(node.ref)) {
        return node;
      }
    }
    return null;
  }

  List<NodeInfo> live() {
    List<NodeInfo> live = new ArrayList<>();
    for (Node node : nodes.values()) {
      if (node.state == NodeState.UP) {
        live.add(node.info());
      }
    }
    return live;
  }

  Collection<Node> all() {
    return nodes.values();
  }

  ActorRef<StorageNodeProtocol.Command> ref(String nodeId) {
    Node node = nodes.get(nodeId);
    return node == null ? null : node.ref;
  }

  /** How clients and other nodes address {@code nodeId}'s chunks. */
  NodeRef nodeRef(String nodeId) {
    Node node = nodes.get(nodeId);
    return new NodeRef(nodeId, node.ref, node.dataAddress);
  }
}
