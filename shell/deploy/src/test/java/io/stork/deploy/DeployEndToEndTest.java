package io.stork.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.stork.client.ClusterConnection;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorkException;
import io.stork.runtime.HostPort;
import io.stork.runtime.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The whole path with real processes: deploy a name node and 3 storage nodes on 127.0.0.1 ... 4, see
 * them join, store and read an artifact, kill a storage node and restart it through the launcher,
 * undeploy, and find nothing left running. Whatever happens, every process it started is killed.
 */
class DeployEndToEndTest {
  /** Every pid the deployment recorded: killed at the end, should the test fail before undeploying. */
  private static final Set<Long> PIDS = new HashSet<>();
  /** The checkout whose scripts start the processes, as the launcher would say: this module is shell/deploy. */
  private static final Path STORK_HOME = Path.of("../..").toAbsolutePath().normalize();

  @TempDir
  static Path dir;

  @BeforeAll
  static void startLogging() {
    LoggerFactory.getILoggerFactory(); // here, once: started by several Pekko threads at once, SLF4J warns
  }

  @AfterAll
  static void killEverythingStarted() {
    recordPids("data");
    recordPids("failing");
    PIDS.forEach(pid -> ProcessHandle.of(pid)
        .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
        .ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void deploysServesRestartsANodeAndUndeploysLeavingNothingRunning() throws Exception {
    int port = freePort();
    // A failure detector that tolerates a busy machine (4 JVMs start at once), yet sees a kill in about 10 s.
    Path specFile = Files.writeString(dir.resolve("cluster.conf"), """
        namenode { host = 127.0.0.1, port = %d }
        insecure = true
        data-root = data
        settings {
          pekko.cluster.failure-detector.acceptable-heartbeat-pause = 6s
          pekko.cluster.split-brain-resolver.stable-after = 3s
        }
        storage-nodes = [
          { id = sn-1, host = 127.0.0.2, zone = a, capabilities = [ssd] }
          { id = sn-2, host = 127.0.0.3, zone = b }
          { id = sn-3, host = 127.0.0.4, zone = c }
        ]
        """.formatted(port));
    ClusterSpec spec = SpecParser.parse(specFile);
    Deployment deployment = Deployment.of(spec, STORK_HOME, processClasspath());
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    StateDir state = deployment.state();
    String connect;
    try {
      connect = new Deployer(deployment, out, Duration.ofSeconds(150), null).deploy();
    } finally {
      recordPids("data");
      System.out.print(output.toString(StandardCharsets.UTF_8)); // in the Surefire report, should it fail
    }
    assertEquals("scripts/stork --connect 127.0.0.1:" + port + " --insecure --spec " + specFile, connect);
    assertEquals(List.of("namenode", "sn-1", "sn-2", "sn-3"), state.ids());
    assertTrue(output.toString(StandardCharsets.UTF_8).contains(
        "all 3 storage nodes are up: sn-1 (zone a, ssd), sn-2 (zone b), sn-3 (zone c)\n"), output::toString);

    byte[] content = new byte[300_000];
    new Random(5).nextBytes(content);
    try (ClusterConnection connection = ClusterConnection.open(spec.nameNode(), new HostPort("127.0.0.1", 0), Transport.insecure(),
        spec.settings().withFallback(ConfigFactory.parseMap(Map.of("pekko.stdout-loglevel", "OFF"))), Duration.ofSeconds(30))) {
      assertEquals(Map.of("sn-1", "up", "sn-2", "up", "sn-3", "up"), states(connection.client().nodes()));
      connection.client().upload("deployed.bin", content);
      assertArrayEquals(content, connection.client().getBytes("deployed.bin"));

      long killed = state.read("sn-2").orElseThrow().pid();
      ProcessHandle.of(killed).orElseThrow().destroyForcibly();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> "dead".equals(states(connection.client().nodes()).get("sn-2")));
      assertFalse(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false));

      new DeployedLauncher(deployment).start("sn-2");
      long restarted = state.read("sn-2").orElseThrow().pid();
      PIDS.add(restarted);
      assertNotEquals(killed, restarted);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> "up".equals(states(connection.client().nodes()).get("sn-2")));
      assertArrayEquals(content, connection.client().getBytes("deployed.bin"));
    }

    ByteArrayOutputStream undeployOutput = new ByteArrayOutputStream();
    boolean stopped = new Undeployer(deployment, new PrintStream(undeployOutput, true, StandardCharsets.UTF_8),
        Undeployer.DEFAULT_TIMEOUT).undeploy(false);
    System.out.print(undeployOutput.toString(StandardCharsets.UTF_8));
    assertTrue(stopped, undeployOutput::toString);
    assertEquals(Set.of(), PIDS.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .collect(Collectors.toSet()), "no process of the deployment is alive");
    assertEquals(List.of(), state.ids());
    assertFalse(Files.exists(state.dir()), "the state directory is gone with its last file");
    assertTrue(Files.isDirectory(spec.dataDir("sn-2").resolve("chunks")), "the data stays");
  }

  @Test
  void aDeployThatFailsMidwayStopsWhatItStarted() throws Exception {
    Path specFile = Files.writeString(dir.resolve("failing.conf"), """
        namenode { host = 127.0.0.1, port = %d }
        insecure = true
        data-root = failing
        storage-nodes = [ { id = sn-1, host = 127.0.0.2 } ]
        """.formatted(freePort()));
    ClusterSpec spec = SpecParser.parse(specFile);
    Files.createDirectories(spec.dataRoot());
    Files.writeString(spec.dataDir("sn-1"), "a file where sn-1's data directory should be");
    Deployment deployment = Deployment.of(spec, STORK_HOME, processClasspath());
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    StorkException failure = assertThrows(StorkException.class, () -> new Deployer(deployment,
        new PrintStream(output, true, StandardCharsets.UTF_8), Duration.ofSeconds(60), null).deploy());
    String[] lines = output.toString(StandardCharsets.UTF_8).split("\n");
    assertTrue(failure.getMessage().startsWith("cannot start sn-1: " + spec.dataDir("sn-1")), failure.getMessage());
    assertTrue(lines[0].startsWith("started namenode (pid "), lines[0]);
    long nameNode = Long.parseLong(lines[0].replaceAll("started namenode \\(pid (\\d+)\\).*", "$1"));
    PIDS.add(nameNode);
    assertEquals(3, lines.length, String.join("\n", lines));
    assertEquals("deploy failed; stopping what it started", lines[1]);
    // A name node still starting may take longer than the SIGTERM grace on a loaded machine: then it is killed.
    assertTrue(lines[2].equals("stopped namenode (pid " + nameNode + ")")
        || lines[2].startsWith("killed namenode (pid " + nameNode + "): still running"), lines[2]);
    assertFalse(ProcessHandle.of(nameNode).map(ProcessHandle::isAlive).orElse(false));
    assertEquals(List.of(), deployment.state().ids());
  }

  private static Map<String, String> states(List<NodeStatus> nodes) {
    return nodes.stream().collect(Collectors.toMap(NodeStatus::id, n -> n.state().label()));
  }


  private static void recordPids(String dataRoot) {
    StateDir state = new StateDir(dir.resolve(dataRoot).resolve("deploy"));
    state.ids().forEach(id -> state.read(id).ifPresent(p -> PIDS.add(p.pid())));
  }

  /** The processes run the main code of the build, without the test classes and their test settings. */
  private static String processClasspath() {
    String classpath = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.contains("test-classes"))
        .collect(Collectors.joining(java.io.File.pathSeparator));
    assertTrue(classpath.contains("classes"), "the test classpath is in java.class.path: " + classpath);
    return classpath;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }
}
