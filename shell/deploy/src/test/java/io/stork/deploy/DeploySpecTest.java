package io.stork.deploy;

import io.stork.deploy.ClusterSpec.StorageNodeSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.protocol.NodeNames;
import io.stork.runtime.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SpecParser: the example spec, and every kind of spec it refuses, with the exact message. */
class DeploySpecTest {
  /** A good local spec; the bad ones below change one thing of it. Line 1 is the namenode line. */
  private static final String GOOD = """
      namenode { host = 127.0.0.1, port = 2551 }
      insecure = true
      data-root = data
      storage-nodes = [
        { id = sn-1, host = 127.0.0.2, zone = a, capabilities = [ssd] }
        { id = sn-2, host = 127.0.0.3, port = 2552, zone = b, capacity = 16GiB }
      ]
      """;

  @TempDir
  Path dir;

  @Test
  void theExampleSpecIsAClusterOfSixOnLoopbackAddressesOverTls() {
    Path example = Path.of("..", "..", "scripts", "examples", "local-cluster.conf").toAbsolutePath().normalize();
    ClusterSpec spec = SpecParser.parse(example);
    assertEquals(new HostPort("127.0.0.1", 2551), spec.nameNode());
    assertEquals(example.resolveSibling("local-cluster-keys"), spec.keysDir());
    assertEquals(example.getParent().getParent().getParent().resolve("stork-data/local-cluster"), spec.dataRoot());
    assertEquals(List.of("sn-1", "sn-2", "sn-3", "sn-4", "sn-5"), spec.storageNodeIds());
    assertEquals(List.of("a", "a", "b", "b", "c"), spec.storageNodes().stream().map(StorageNodeSpec::zone).toList());
    assertEquals(List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"),
        spec.storageNodes().stream().map(n -> n.address().host()).toList());
    assertEquals(2, spec.storageNodes().stream().filter(n -> n.capabilities().contains("ssd")).count());
    assertEquals(3, spec.settings().getInt("stork.replication"));
    assertNull(spec.ssh());
  }

  @Test
  void aGoodSpecGivesEveryProcessItsCommandLine() throws IOException {
    ClusterSpec spec = SpecParser.parse(write(GOOD + "settings { stork.chunk-size = 4MiB }\n"));
    Path data = dir.resolve("data");
    assertTrue(spec.insecure());
    assertEquals(data, spec.dataRoot());
    assertEquals(data.resolve("deploy"), spec.stateDir());
    List<ProcessSpec> processes = spec.processes();
    assertEquals(List.of("namenode", "sn-1", "sn-2"), processes.stream().map(ProcessSpec::id).toList());
    assertEquals(List.of("--host", "127.0.0.1", "--port", "2551", "--data-dir", data.resolve("namenode").toString(), "--insecure",
        "--config", data.resolve("settings.conf").toString()), processes.get(0).args());
    assertEquals(List.of("--namenode", "127.0.0.1:2551", "--id", "sn-1", "--zone", "a", "--capability", "ssd", "--host",
        "127.0.0.2", "--port", "0", "--data-dir", data.resolve("sn-1").toString(), "--insecure", "--config",
        data.resolve("settings.conf").toString()), processes.get(1).args());
    assertEquals(List.of("--namenode", "127.0.0.1:2551", "--id", "sn-2", "--zone", "b", "--capacity", "16GiB", "--host",
        "127.0.0.3", "--port", "2552", "--data-dir", data.resolve("sn-2").toString(), "--insecure", "--config",
        data.resolve("settings.conf").toString()), processes.get(2).args());
    assertEquals("io.stork.namenode.NameNodeMain", processes.get(0).mainClass());
    assertEquals("io.stork.storagenode.process.StorageNodeMain", processes.get(1).mainClass());
    assertTrue(processes.stream().allMatch(ProcessSpec::local));
  }

  @Test
  void badSpecsAreRefusedWithTheLineAndTheKey() throws IOException {
    Map<String, String> cases = Map.ofEntries(
        Map.entry(GOOD.replace("storage-nodes =", "storage-node ="),
            "SPEC:4: storage-node: unknown key (known here: data-root, insecure, keys, namenode, settings, ssh, storage-nodes)"),
        Map.entry(GOOD.replace("zone = a,", "zon = a,"),
            "SPEC:5: storage-nodes[0].zon: unknown key (known here: capabilities, capacity, host, http-port, id, port, zone)"),
        Map.entry(GOOD.replace("port = 2551 }", "port = 2551, id = nn }"),
            "SPEC:1: namenode.id: unknown key (known here: host, http-port, port)"),
        Map.entry(GOOD.replace("namenode { host = 127.0.0.1, port = 2551 }", ""),
            "SPEC: namenode: missing: namenode { host = ..., port = ... } (the name node every process joins)"),
        Map.entry(GOOD.replace("port = 2551", "port = 0"),
            "SPEC:1: namenode.port: the name node needs a fixed port: every process joins it there"),
        Map.entry(GOOD.replace("port = 2551", "port = 70000"),
            "SPEC:1: namenode.port: expected a port number from 0 to 65535, got '70000'"),
        Map.entry(GOOD.replace("port = 2551", "port = twenty"),
            "SPEC:1: namenode.port: expected a port number from 0 to 65535, got 'twenty'"),
        Map.entry(GOOD.replace("host = 127.0.0.1,", "host = \"-oProxyCommand=x\","),
            "SPEC:1: namenode.host: '-oProxyCommand=x' is not a host name or address"),
        Map.entry(GOOD.replace("insecure = true", "insecure = true\nkeys = keys"),
            "SPEC:3: keys: keys and insecure = true exclude each other"),
        Map.entry(GOOD.replace("insecure = true", "insecure = yes"),
            "SPEC:2: insecure: expected true or false, got 'yes'"),
        Map.entry(GOOD.replace("insecure = true", ""),
            "SPEC: keys: missing: the directory of the cluster's TLS keys (made by scripts/stork-keys DIR), or insecure = true "
                + "for plain TCP"),
        Map.entry(GOOD.replace("data-root = data", ""),
            "SPEC: data-root: missing: the directory under which every process keeps its data (<data-root>/<id>)"),
        Map.entry(GOOD.replace("data-root = data", "data-root = [data]"),
            "SPEC:3: data-root: expected a string, got a list"),
        Map.entry(GOOD.substring(0, GOOD.indexOf("storage-nodes")) + "storage-nodes = []\n",
            "SPEC:4: storage-nodes: is empty: the storage nodes, [{ id = ..., host = ..., zone = ... }, ...]"),
        Map.entry(GOOD.replace("{ id = sn-1, host = 127.0.0.2, zone = a, capabilities = [ssd] }", "sn-1"),
            "SPEC:5: storage-nodes[0]: expected an object ({ ... }), got 'sn-1'"),
        Map.entry(GOOD.replace("id = sn-2", "id = sn-1"),
            "SPEC:6: storage-nodes[1].id: 'sn-1' is already the id of storage-nodes[0]"),
        Map.entry(GOOD.replace("id = sn-2", "id = \"sn 2\""),
            "SPEC:6: storage-nodes[1].id: 'sn 2' is not a valid node id (letters, digits, '_', '.', '-', at most 63, starting "
                + "with a letter or digit)"),
        Map.entry(GOOD.replace("id = sn-2", "id = deploy"),
            "SPEC:6: storage-nodes[1].id: 'deploy' is reserved (the data root holds namenode, deploy, keys for the deployment)"),
        Map.entry(GOOD.replace("{ id = sn-1, host = 127.0.0.2,", "{ host = 127.0.0.2,"),
            "SPEC:5: storage-nodes[0].id: missing: the node's id, the same on every start"),
        Map.entry(GOOD.replace("host = 127.0.0.3, port = 2552", "host = 127.0.0.1, port = 2551"),
            "SPEC:6: storage-nodes[1].port: 127.0.0.1:2551 is already where namenode listens"),
        Map.entry(GOOD.replace("host = 127.0.0.2,", "host = 127.0.0.3, port = 2552,"),
            "SPEC:6: storage-nodes[1].port: 127.0.0.3:2552 is already where storage-nodes[0] (sn-1) listens"),
        Map.entry(GOOD.replace("zone = b", "zone = \"b/c\""),
            "SPEC:6: storage-nodes[1].zone: invalid zone 'b/c': " + NodeNames.LABEL_RULE),
        Map.entry(GOOD.replace("[ssd]", "[\"fast disk\"]"),
            "SPEC:5: storage-nodes[0].capabilities: invalid capability 'fast disk': " + NodeNames.LABEL_RULE),
        Map.entry(GOOD.replace("[ssd]", "ssd"),
            "SPEC:5: storage-nodes[0].capabilities: expected a list of strings ([a, b]), got 'ssd'"),
        Map.entry(GOOD.replace("16GiB", "lots"),
            "SPEC:6: storage-nodes[1].capacity: 'lots' is not a positive size (like 500MiB or 64GiB)"),
        Map.entry(GOOD.replace("host = 127.0.0.3", "host = 10.0.0.3"),
            "SPEC:6: storage-nodes[1].host: 10.0.0.3 is another host: it could not reach the name node on the loopback address "
                + "127.0.0.1"),
        Map.entry(GOOD.replace("host = 127.0.0.1", "host = 10.0.0.1").replace("127.0.0.3", "10.0.0.3"),
            "SPEC:5: storage-nodes[0].host: 127.0.0.2 is a loopback address: the name node on 10.0.0.1 could not reach it"),
        Map.entry(GOOD.replace("127.0.0.", "10.0.0."),
            "SPEC: ssh: missing: the processes run on other hosts (10.0.0.1...), reached with ssh { user = ..., stork-home = ... }"),
        Map.entry(GOOD.replace("127.0.0.", "10.0.0.") + "ssh { user = stork, stork-home = /opt/stork }\n",
            "SPEC:3: data-root: 'data' is relative, but the processes run on other hosts: give the absolute directory they use "
                + "there"),
        Map.entry(GOOD + "ssh { user = stork, stork-home = opt/stork }\n",
            "SPEC:8: ssh.stork-home: 'opt/stork' must be an absolute path (a directory on every host)"),
        Map.entry(GOOD + "ssh { user = \"-lroot\", stork-home = /opt/stork }\n",
            "SPEC:8: ssh.user: '-lroot' is not a user name"),
        Map.entry(GOOD + "settings { pekko.cluster.seed-nodes = [] }\n",
            "SPEC:8: settings: pekko.cluster.seed-nodes is set by the deployment (from the addresses and keys of the spec): "
                + "remove it"),
        Map.entry(GOOD.replace("port = 2551 }", "port = 2551, http-port = web }"),
            "SPEC:1: namenode.http-port: expected a port number from 0 to 65535, got 'web'"),
        Map.entry(GOOD.replace("port = 2551 }", "port = 2551, http-port = 9551 }").replace("zone = b,", "zone = b, http-port = 9551,"),
            "SPEC:6: storage-nodes[1].http-port: 9551 is already the HTTP port of namenode on this host"),
        Map.entry(GOOD + "settings = 3\n",
            "SPEC:8: settings: expected an object ({ ... }), got '3'"));
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> bad : cases.entrySet()) {
      Path spec = write(bad.getKey());
      SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(spec), bad.getValue());
      String message = e.getMessage().replace(spec.toString(), "SPEC");
      if (!message.equals(bad.getValue())) {
        wrong.add("expected: " + bad.getValue() + "\n     got: " + message);
      }
    }
    assertEquals("", String.join("\n", wrong));
  }

  @Test
  void httpPortsBecomeTheProcessesFlagsAndAnyFreePortMayRepeat() throws IOException {
    ClusterSpec spec = SpecParser.parse(write(GOOD.replace("port = 2551 }", "port = 2551, http-port = 9551 }")
        .replace("zone = a,", "zone = a, http-port = 0,").replace("zone = b,", "zone = b, http-port = 0,")));
    assertEquals(9551, spec.nameNodeHttpPort());
    List<List<String>> args = spec.processes().stream().map(ProcessSpec::args).toList();
    assertEquals(List.of("9551", "0", "0"), args.stream().map(a -> a.get(a.indexOf("--http-port") + 1)).toList());
    assertEquals(List.of(false, false), SpecParser.parse(write(GOOD)).processes().stream().skip(1)
        .map(p -> p.args().contains("--http-port")).toList());
  }

  @Test
  void aMissingFileOrBrokenHoconIsRefused() throws IOException {
    Path missing = dir.resolve("missing.conf");
    assertEquals(missing + ": no such file", assertThrows(SpecException.class, () -> SpecParser.parse(missing)).getMessage());
    Path broken = write("namenode { host = 127.0.0.1\n");
    assertEquals("SPEC: 2: expecting a close parentheses ')' here, not: end of file",
        assertThrows(SpecException.class, () -> SpecParser.parse(broken)).getMessage().replace(broken.toString(), "SPEC"));
  }

  @Test
  void keysAndDataRootAreRelativeToTheSpecAndRemoteHostsGetTheKeysCopy() throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    String remote = """
        namenode { host = node-1.example.org }
        keys = ../keys
        data-root = /var/lib/stork
        ssh { stork-home = /opt/stork }
        storage-nodes = [ { id = a1, host = node-2.example.org } ]
        """;
    Path file = Files.writeString(dir.resolve("sub/remote.conf"), remote);
    ClusterSpec spec = SpecParser.parse(file);
    assertEquals(dir.resolve("keys"), spec.keysDir());
    assertEquals(new HostPort("node-1.example.org", 2551), spec.nameNode());
    assertEquals("node-2.example.org", spec.ssh().target("node-2.example.org"));
    ProcessSpec node = spec.processes().get(1);
    assertEquals(List.of("--namenode", "node-1.example.org:2551", "--id", "a1", "--host", "node-2.example.org", "--port", "0",
        "--data-dir", "/var/lib/stork/a1", "--keys", "/var/lib/stork/keys"), node.args());
    assertEquals("node-2.example.org:/var/lib/stork/a1/process.out", node.outputLocation());
  }

  private Path write(String text) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "spec", ".conf"), text);
  }
}
