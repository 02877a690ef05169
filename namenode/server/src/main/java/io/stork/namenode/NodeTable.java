package io.stork.namenode;

import io.stork.protocol.NodeRef;
import io.stork.protocol.NodeState;
import io.stork.protocol.StorageNodeProtocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The storage nodes the replica keeper knows, live or dead, by id: what each declared when it
 * joined, its state, the bytes it holds or was promised, and the room its disk has. Owned by the
 * replica keeper; only its methods change a node.
 */
final class NodeTable {

  /** One storage node as the name node sees it. */
  static final class Node {
    final String id;
    String zone;
    List<String> capabilities;
    /** What it may hold, as it last said: what it held then and the room it had. */
    long capacityBytes;
    /** What it holds or was promised, as counted here (placements, copies and deletes since its last report). */
    long usedBytes;
    /** Which file system it is on (nodes of one key share it), once it said so; null before. */
    String volume;
    ActorRef<StorageNodeProtocol.Command> ref;
    /** Where its data channel listens, or empty (one JVM: chunks go to its actor). */
    String dataAddress;
    NodeState state = NodeState.UP;
    /** The failure detector lost its process; {@code processGone}: its data channel refuses connections. Either: unreachable. */
    boolean clusterLost;
    boolean processGone;
    /** Unreachable past the grace: its replicas no longer count, until it is back or joins again. */
    private boolean givenUp;

    private Node(String id) {
      this.id = id;
    }

    /** Nodes with one key share a file system: its host (empty in one JVM) and the device the node named. */
    private String volumeKey(String device) {
      if (device.isEmpty()) {
        return "node " + id;
      }
      String address = address();
      int port = address.lastIndexOf(':');
      return (port < 0 ? address : address.substring(0, port)) + "/" + device;
    }

    /** Where the node's process listens ({@code host:port}), or empty in one JVM. */
    String address() {
      Address address = ref.path().address();
      return address.getHost().map(host -> host + ":" + address.getPort().orElse(0)).orElse("");
    }
  }

  private static final int MAX_VOLUME_NAME = 256;

  private final Map<String, Node> nodes = new TreeMap<>();
  /**
   * The room of each file system that nodes said they are on, less its reserve: as the last of its
   * nodes said, less what was placed or copied on any of its nodes since, plus what was deleted.
   */
  private final Map<String, Long> volumeFree = new HashMap<>();

  NodeInfo info(Node node) {
    long volume = node.volume == null ? Long.MAX_VALUE : volumeFree.getOrDefault(node.volume, Long.MAX_VALUE);
    return new NodeInfo(node.id, node.zone, node.capabilities, node.capacityBytes, node.usedBytes,
        node.volume == null ? "node " + node.id : node.volume, volume);
  }

  /** Adds or revives a node from its description: up, with what it says it holds. */
  Node join(StorageNodeProtocol.Description description) {
    Node node = nodes.computeIfAbsent(description.nodeId(), Node::new);
    node.zone = description.zone() == null ? "" : description.zone();
    node.capabilities = List.copyOf(description.capabilities());
    node.capacityBytes = description.capacityBytes();
    node.usedBytes = description.usedBytes();
    node.ref = description.node();
    node.dataAddress = description.dataAddress();
    node.clusterLost = false;
    node.processGone = false;
    setState(node, NodeState.UP);
    return node;
  }

  Node get(String nodeId) {
    return nodes.get(nodeId);
  }

  boolean isUp(String nodeId) {
    Node node = nodes.get(nodeId);
    return node != null && node.state == NodeState.UP;
  }

  /** A node that changes state is no longer given up: back, it reports again; dead, nothing of it counts. */
  void setState(Node node, NodeState state) {
    node.state = state;
    node.givenUp = false;
  }

  /**
   * The unreachable node's grace is over: its replicas stop counting (the caller drops them and has
   * them copied). False when there is nothing to give up: it is back, dead, or given up already.
   */
  boolean giveUp(Node node) {
    if (node.state != NodeState.UNREACHABLE || node.givenUp) {
      return false;
    }
    node.givenUp = true;
    return true;
  }

  boolean isGivenUp(String nodeId) {
    Node node = nodes.get(nodeId);
    return node != null && node.givenUp;
  }

  /**
   * Whether a replica on the node counts: it is up, or unreachable and not yet given up (a node
   * that misses a few heartbeats keeps what it holds, and nothing is copied or deleted for it).
   */
  boolean holdsReplicas(String nodeId) {
    Node node = nodes.get(nodeId);
    return node != null && (node.state == NodeState.UP || node.state == NodeState.UNREACHABLE && !node.givenUp);
  }

  /** {@code bytes} more are promised to the node (placed on it) or were copied to it. */
  void use(String nodeId, long bytes) {
    Node node = nodes.get(nodeId);
    if (node != null) {
      node.usedBytes += bytes;
      onVolume(node, -bytes);
    }
  }

  /** {@code bytes} are no longer the node's: a chunk deleted there, or placed and never written. */
  void release(String nodeId, long bytes) {
    Node node = nodes.get(nodeId);
    if (node != null) {
      node.usedBytes = Math.max(0, node.usedBytes - bytes);
      onVolume(node, bytes);
    }
  }

  private void onVolume(Node node, long bytes) {
    if (node.volume != null) {
      volumeFree.computeIfPresent(node.volume, (volume, free) -> Math.max(0, free + bytes));
    }
  }

  /** What the node itself said it holds (less what it is about to delete) and may hold. */
  void reported(String nodeId, long usedBytes, long capacityBytes) {
    Node node = nodes.get(nodeId);
    if (node != null) {
      node.usedBytes = Math.max(0, usedBytes);
      node.capacityBytes = capacityBytes;
    }
  }

  /** What the node said of its room; true when that is news worth a line: it filled up, or has room again. */
  boolean usage(StorageNodeProtocol.Usage usage) {
    Node node = nodes.get(usage.nodeId());
    if (node == null) {
      return false;
    }
    boolean wasFull = node.capacityBytes <= node.usedBytes;
    node.capacityBytes = usage.capacityBytes();
    String before = node.volume;
    // A name longer than any device's is no name: the node counts as on a file system of its own.
    node.volume = node.volumeKey(usage.volume().length() > MAX_VOLUME_NAME ? "" : usage.volume());
    volumeFree.put(node.volume, Math.max(0, usage.volumeFreeBytes()));
    if (before != null && !before.equals(node.volume) && nodes.values().stream().noneMatch(n -> before.equals(n.volume))) {
      volumeFree.remove(before); // no node on it any more: a peer changing names leaves nothing behind
    }
    return wasFull != (node.capacityBytes <= node.usedBytes);
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
        live.add(info(node));
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
