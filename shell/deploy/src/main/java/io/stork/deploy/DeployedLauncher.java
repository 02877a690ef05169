package io.stork.deploy;

import io.stork.protocol.ErrorKind;
import io.stork.chaos.RemoteTarget;
import io.stork.protocol.StorkException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What {@code chaos restart} and {@code chaos corrupt} need of a deployed cluster: its storage nodes,
 * a way to start one again as the deployment did (recording its new pid), and the data directories of
 * those on this host.
 */
public final class DeployedLauncher implements RemoteTarget.Launcher {
  private final Deployment deployment;

  public DeployedLauncher(Deployment deployment) {
    this.deployment = deployment;
  }

  /** The launcher of the deployment of the spec in {@code specFile}, whose processes run with this JVM's classpath. */
  public static DeployedLauncher load(Path specFile) {
    try {
      return new DeployedLauncher(Deployment.of(SpecParser.parse(specFile)));
    } catch (SpecException e) {
      throw new StorkException(ErrorKind.INVALID, "--spec: " + e.getMessage(), e);
    }
  }

  public ClusterSpec spec() {
    return deployment.spec();
  }

  @Override
  public Set<String> nodeIds() {
    return new LinkedHashSet<>(deployment.spec().storageNodeIds());
  }

  @Override
  public void start(String nodeId) {
    ProcessSpec process = storageNode(nodeId);
    deployment.running(nodeId).ifPresent(running -> {
      throw new StorkException(ErrorKind.INVALID, running + " is still running: it has to end before it can start again");
    });
    deployment.start(process);
  }

  @Override
  public Path dataDir(String nodeId) {
    ProcessSpec process = storageNode(nodeId);
    if (!process.local()) {
      throw new StorkException(ErrorKind.INVALID, nodeId + " runs on " + process.address().host() + ": its data directory is not on this host");
    }
    return process.dataDir();
  }

  private ProcessSpec storageNode(String nodeId) {
    return deployment.spec().process(nodeId).filter(p -> !p.nameNode()).orElseThrow(() -> new StorkException(ErrorKind.INVALID, 
        nodeId + " is not a storage node of " + deployment.spec().file()));
  }
}
