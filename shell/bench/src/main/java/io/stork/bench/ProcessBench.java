package io.stork.bench;

import com.typesafe.config.ConfigFactory;
import io.stork.chaos.RemoteTarget;
import io.stork.client.ClusterConnection;
import io.stork.deploy.ClusterSpec;
import io.stork.deploy.DeployedLauncher;
import io.stork.deploy.Deployer;
import io.stork.deploy.Deployment;
import io.stork.deploy.ProcessState;
import io.stork.deploy.SpecParser;
import io.stork.deploy.Undeployer;
import io.stork.embedded.EmbeddedCluster;
import io.stork.runtime.HostPort;
import io.stork.runtime.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stork across processes beside Stork in one JVM, in one run: the same large-artifact and recovery
 * figures on an embedded cluster and on a name node and 5 storage nodes, each its own JVM on its own
 * loopback address, deployed from a spec with TLS keys as an operator would (this JVM is the client);
 * their ratios; a one-command batch of each; 4 concurrent clients; and the name node's CPU time
 * while a client uploads.
 */
final class ProcessBench {
  private static final Duration WITHIN = Duration.ofMinutes(3);
  private static final int CLIENTS = 4;
  /** The same name for both (the process one runs over --connect), so that their ratio is taken. */
  private static final String BATCH = "batch of one list, launch to exit";

  private final Path dir;
  private final Path storkHome;
  private final List<String> launcher;
  private final long size;
  private final int runs;
  private final int warmUps;
  private final double writeLimit;
  private final double digest;
  private final PrintStream log;
  private final List<Figure> figures = new ArrayList<>();

  private ProcessBench(Path dir, List<String> launcher, long size, int runs, int warmUps, double writeLimit, double digest,
                       PrintStream log) {
    this.dir = dir;
    this.launcher = launcher;
    this.storkHome = Path.of(launcher.get(0)).toAbsolutePath().getParent().getParent();
    this.size = size;
    this.runs = runs;
    this.warmUps = warmUps;
    this.writeLimit = writeLimit;
    this.digest = digest;
    this.log = log;
  }

  static List<Figure> measure(Path dir, List<String> launcher, long size, int runs, int warmUps, double writeLimit, double digest,
                              PrintStream log) throws Exception {
    ProcessBench bench = new ProcessBench(dir, launcher, size, runs, warmUps, writeLimit, digest, log);
    List<Figure> embedded = bench.embedded();
    List<Figure> processes = bench.processes();
    bench.figures.addAll(Ratios.of(embedded, processes));
    bench.figures.add(Figure.of("processes - embedded: " + BATCH, value(processes, Ratios.PROCESSES + BATCH)
        - value(embedded, Ratios.EMBEDDED + BATCH), "ms"));
    return bench.figures;
  }

  private List<Figure> embedded() throws Exception {
    log.println("bench: measuring an embedded cluster, for comparison...");
    List<Figure> embedded = new ArrayList<>();
    try (EmbeddedCluster cluster = EmbeddedCluster.start(dir.resolve("embedded"), ConfigFactory.parseString("stork.garbage-grace = 1s"))) {
      embedded.addAll(ClusterBench.large(cluster.client(), Ratios.EMBEDDED, dir, size, runs, warmUps, writeLimit, 3, digest));
      embedded.addAll(ClusterBench.recovery(cluster.client(), Ratios.EMBEDDED, cluster::stopStorageNode, cluster::restartStorageNode,
          writeLimit));
    }
    embedded.add(Figure.of(Ratios.EMBEDDED + BATCH, OneCommandBatch.millis(launcher, dir,
        List.of("--data-dir", dir.resolve("batch-embedded").toString())), "ms"));
    add(embedded);
    return embedded;
  }

  private List<Figure> processes() throws Exception {
    log.println("bench: measuring a cluster of processes...");
    int port = freePort();
    Path spec = Files.writeString(dir.resolve("bench-cluster.conf"), """
        namenode { host = 127.0.0.1, port = %d }
        keys = keys
        data-root = data
        storage-nodes = [
          { id = sn-1, host = 127.0.0.2, zone = a }
          { id = sn-2, host = 127.0.0.3, zone = b }
          { id = sn-3, host = 127.0.0.4, zone = c }
          { id = sn-4, host = 127.0.0.5, zone = a }
          { id = sn-5, host = 127.0.0.6, zone = b }
        ]
        """.formatted(port));
    Deployment deployment = Deployment.of(SpecParser.parse(spec), storkHome, System.getProperty("java.class.path"));
    HostPort nameNode = new HostPort("127.0.0.1", port);
    List<Figure> processes = new ArrayList<>();
    try {
      new Deployer(deployment, log, WITHIN, storkHome).deploy(); // makes the cluster's keys too
      Transport tls = Transport.tls(dir.resolve("keys"));
      try (ClusterConnection connection = ClusterConnection.open(nameNode, new HostPort("127.0.0.1", 0), tls, ConfigFactory.empty(),
          WITHIN)) {
        RemoteTarget nodes = new RemoteTarget(connection, new DeployedLauncher(deployment));
        processes.addAll(ClusterBench.large(connection.client(), Ratios.PROCESSES, dir, size, runs, warmUps, writeLimit, 3, digest));
        long nameNodePid = deployment.running(ClusterSpec.NAME_NODE_ID).map(ProcessState::pid).orElseThrow();
        processes.addAll(CpuShare.duringUpload(connection.client(), nameNodePid, dir, size));
        processes.add(ConcurrentClients.upload(nameNode, tls, dir, size, CLIENTS, writeLimit));
        // Before the recovery, whose restarted node would share the two cores with the batch's JVM.
        processes.add(Figure.of(Ratios.PROCESSES + BATCH, OneCommandBatch.millis(launcher, dir,
            List.of("--connect", nameNode.toString(), "--keys", dir.resolve("keys").toString())), "ms"));
        processes.addAll(ClusterBench.recovery(connection.client(), Ratios.PROCESSES, nodes::crash, nodes::restart, writeLimit));
      }
    } finally {
      new Undeployer(deployment, log, Undeployer.DEFAULT_TIMEOUT).undeploy(true);
    }
    add(processes);
    return processes;
  }

  private static double value(List<Figure> figures, String name) {
    return figures.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value();
  }

  private void add(List<Figure> measured) {
    measured.forEach(figure -> log.println("  " + figure.line()));
    figures.addAll(measured);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
