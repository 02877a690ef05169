package io.stork.chaos;

import io.stork.client.StorkClient;
import io.stork.embedded.EmbeddedCluster;
import io.stork.protocol.FaultRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Chaos in an embedded cluster: a crash stops the node's actor, a restart spawns it again. */
record EmbeddedTarget(EmbeddedCluster cluster) implements ChaosTarget {

  @Override
  public StorkClient client() {
    return cluster.client();
  }

  @Override
  public List<String> nodeIds() {
    return cluster.nodeIds();
  }

  @Override
  public Set<String> runningNodes() {
    return cluster.runningNodes();
  }

  @Override
  public void crash(String nodeId) {
    cluster.stopStorageNode(nodeId);
  }

  @Override
  public void restart(String nodeId) {
    cluster.restartStorageNode(nodeId);
  }

  /** Nothing to tell: the embedded nodes' interceptors read the very plan that changed. */
  @Override
  public void faultsChanged(FaultRules rules) {
  }

  @Override
  public Path nodeDir(String nodeId) {
    return cluster.nodeDir(nodeId);
  }
}
