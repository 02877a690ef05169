package io.stork.deploy;

import com.typesafe.config.Config;
import io.stork.runtime.HostPort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cluster as a spec file describes it (scripts/examples/local-cluster.conf documents the format):
 * the name node, the storage nodes, where each keeps its data, and how they talk. {@link SpecParser}
 * makes one only from a spec it checked; paths here are absolute.
 *
 * <p>Layout under the data root, on every host: {@code <data-root>/<id>} is a process's data directory
 * (its journal or chunks, its log, and {@code process.out}), {@code <data-root>/settings.conf} the
 * spec's settings, {@code <data-root>/keys} the copy of the keys on a remote host. On the deploying
 * host, {@code <data-root>/deploy} holds the state of the deployment: one file a process.
 */
public record ClusterSpec(Path file, HostPort nameNode, Integer nameNodeHttpPort, Path keysDir, Path dataRoot, Config settings,
                          Ssh ssh, List<StorageNodeSpec> storageNodes) {
  public static final String NAME_NODE_ID = "namenode";
  public static final int DEFAULT_NAME_NODE_PORT = 2551;
  /** Names under the data root that are not a process's: no storage node may take them as its id. */
  static final List<String> RESERVED_IDS = List.of(NAME_NODE_ID, "deploy", "keys");

  /**
   * @param capacity as the spec wrote it ({@code 64GiB}), or null for the storage node's default
   * @param httpPort where it serves /metrics, /alive and /ready (0: any free port), or null for none
   */
  public record StorageNodeSpec(String id, HostPort address, String zone, List<String> capabilities, String capacity,
                                Integer httpPort) {}

  /** How to reach a host that is not this one: {@code ssh [user@]host}, and where Stork is checked out there. */
  public record Ssh(String user, String storkHome) {
    String target(String host) {
      return user == null ? host : user + "@" + host;
    }
  }

  /** Plain TCP, no keys ({@code insecure = true}). */
  public boolean insecure() {
    return keysDir == null;
  }

  public Path stateDir() {
    return dataRoot.resolve("deploy");
  }

  public Path dataDir(String id) {
    return dataRoot.resolve(id);
  }

  /** Where the spec's settings are put on every host, if it has any. */
  public Optional<Path> settingsFile() {
    return settings.isEmpty() ? Optional.empty() : Optional.of(dataRoot.resolve("settings.conf"));
  }

  /** Where the keys are copied to on a host reached over ssh. */
  public Path remoteKeysDir() {
    return dataRoot.resolve("keys");
  }

  public List<String> storageNodeIds() {
    return storageNodes.stream().map(StorageNodeSpec::id).toList();
  }

  /** Every process, the name node first. */
  public List<ProcessSpec> processes() {
    List<ProcessSpec> all = new ArrayList<>();
    all.add(nameNodeProcess());
    storageNodes.forEach(node -> all.add(storageNodeProcess(node)));
    return List.copyOf(all);
  }

  /** The process of {@code id}, the name node's or a storage node's. */
  public Optional<ProcessSpec> process(String id) {
    return processes().stream().filter(p -> p.id().equals(id)).findFirst();
  }

  private ProcessSpec nameNodeProcess() {
    return new ProcessSpec(NAME_NODE_ID, nameNode, true, dataDir(NAME_NODE_ID),
        withCommon(new ArrayList<>(), NAME_NODE_ID, nameNode, nameNodeHttpPort));
  }

  private ProcessSpec storageNodeProcess(StorageNodeSpec node) {
    List<String> args = new ArrayList<>(List.of("--namenode", nameNode.toString(), "--id", node.id()));
    if (!node.zone().isEmpty()) {
      args.addAll(List.of("--zone", node.zone()));
    }
    node.capabilities().forEach(capability -> args.addAll(List.of("--capability", capability)));
    if (node.capacity() != null) {
      args.addAll(List.of("--capacity", node.capacity()));
    }
    return new ProcessSpec(node.id(), node.address(), false, dataDir(node.id()), withCommon(args, node.id(), node.address(),
        node.httpPort()));
  }

  /** Where it listens, its data directory, the keys as its host sees them, the settings: the same on every start. */
  private List<String> withCommon(List<String> args, String id, HostPort address, Integer httpPort) {
    args.addAll(List.of("--host", address.host(), "--port", Integer.toString(address.port()), "--data-dir", dataDir(id).toString()));
    if (httpPort != null) {
      args.addAll(List.of("--http-port", httpPort.toString()));
    }
    if (insecure()) {
      args.add("--insecure");
    } else {
      args.addAll(List.of("--keys", (address.isLoopback() ? keysDir : remoteKeysDir()).toString()));
    }
    settingsFile().ifPresent(file -> args.addAll(List.of("--config", file.toString())));
    return List.copyOf(args);
  }
}
