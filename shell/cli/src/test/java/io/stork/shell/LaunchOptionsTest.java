package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.runtime.HostPort;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

  private static String error(String... args) {
    return assertThrows(UsageException.class, () -> LaunchOptions.parse(args)).getMessage();
  }

  @Test
  void defaultsAreTheDesignedCluster() throws UsageException {
    LaunchOptions o = LaunchOptions.parse();
    assertEquals(5, o.nodes());
    assertEquals(3, o.replication());
    assertEquals(1 << 20, o.chunkSize());
    assertEquals(Path.of("stork-data"), o.dataDir());
    assertNull(o.batchFile());
    assertEquals(List.of(), o.capabilities());
  }

  @Test
  void capabilitiesOneEntryANodeJoinedByPlus() throws UsageException {
    assertEquals(List.of(List.of("ssd", "gpu"), List.of("ssd"), List.of(), List.of(), List.of("hdd")),
        LaunchOptions.parse("--capabilities", "ssd+gpu, ssd,-,,hdd").capabilities());
    assertEquals(List.of(List.of("ssd")), LaunchOptions.parse("--capabilities=ssd+ssd").capabilities());
  }

  @Test
  void refusesBadCapabilities() {
    String rule = "1 to 63 letters, digits, '_', '.', ':', '-', starting with a letter or digit";
    assertEquals("--capabilities: invalid capability 'fast disk': " + rule, error("--capabilities", "ssd,fast disk"));
    assertEquals("--capabilities: invalid capability '': " + rule, error("--capabilities", "ssd+"));
    assertEquals("--capabilities: invalid capability '-ssd': " + rule, error("--capabilities", "-ssd"));
    assertEquals("--capabilities needs one entry a node, like ssd,ssd,hdd", error("--capabilities", " "));
    assertEquals("--capabilities has 6 entries, one a node, but --nodes is 5", error("--capabilities", "a,b,c,d,e,f"));
    assertEquals("--capabilities needs a value", error("--capabilities"));
  }

  @Test
  void capabilitiesReachTheEmbeddedClusterOnlyWhenGiven() throws UsageException {
    assertEquals(List.of(List.of("ssd", "gpu"), List.of()), EmbeddedBackend.overrides(
        LaunchOptions.parse("--capabilities", "ssd+gpu,-")).getAnyRef("stork.embedded.capabilities"));
    assertFalse(EmbeddedBackend.overrides(LaunchOptions.parse()).hasPath("stork.embedded.capabilities"));
  }

  @Test
  void readsEveryFlag() throws UsageException {
    LaunchOptions o = LaunchOptions.parse("--nodes", "7", "--replication=4", "--chunk-size", "64KiB", "--capabilities", "ssd",
        "--data-dir", "/tmp/d", "--batch", "x.stork", "--keep-going", "--http", "0", "--recover-journal");
    assertEquals(new LaunchOptions(7, 4, 65536, List.of(List.of("ssd")), Path.of("/tmp/d"), Path.of("x.stork"), true, false,
        false, null, false, null, List.of(), 0, true), o);
    assertTrue(LaunchOptions.parse("--help").help());
    assertTrue(LaunchOptions.parse("-h").help());
    assertTrue(LaunchOptions.parse("--version").version());
  }

  @Test
  void recoverJournalReachesTheEmbeddedNameNodeOnlyWhenGiven() throws UsageException {
    assertTrue(EmbeddedBackend.overrides(LaunchOptions.parse("--recover-journal")).getBoolean("stork.namenode.recover-journal"));
    assertFalse(EmbeddedBackend.overrides(LaunchOptions.parse()).hasPath("stork.namenode.recover-journal"));
    assertEquals("--recover-journal is for an embedded cluster: with --connect, the name node's settings hold",
        error("--connect", "127.0.0.1:2551", "--insecure", "--recover-journal"));
  }

  @Test
  void httpIsOffUnlessAskedForAndTakesAPort() throws UsageException {
    assertFalse(EmbeddedBackend.overrides(LaunchOptions.parse()).hasPath("stork.http.port"));
    assertEquals(8080, EmbeddedBackend.overrides(LaunchOptions.parse("--http", "8080")).getInt("stork.http.port"));
    assertEquals("--http: invalid port 'web': a number from 0 to 65535", error("--http", "web"));
    assertEquals("--http: invalid port '70000': a number from 0 to 65535", error("--http", "70000"));
    assertEquals("--http is for an embedded cluster: with --connect, the name node's settings hold",
        error("--connect", "127.0.0.1:2551", "--insecure", "--http", "0"));
  }

  @Test
  void refusesBadFlagsAndValues() throws UsageException {
    assertEquals("unknown option '--nodez'", error("--nodez", "3"));
    assertEquals(List.of("demo.stork"), LaunchOptions.parse("demo.stork").command(), "a one-shot command, checked when it runs");
    assertEquals("--nodes needs a value", error("--nodes"));
    assertEquals("--nodes must be a whole number from 1 to 100, not 'three'", error("--nodes", "three"));
    assertEquals("--nodes must be a whole number from 1 to 100, not '0'", error("--nodes", "0"));
    assertEquals("--replication must be a whole number from 1 to 100, not '-1'", error("--replication", "-1"));
    assertEquals("--chunk-size: 'big' is not a size (examples: 512, 64KiB, 4MiB)", error("--chunk-size", "big"));
    assertEquals("--chunk-size must be from 1B to 64MiB, not '65MiB'", error("--chunk-size", "65MiB"));
    assertEquals("--chunk-size must be from 1B to 64MiB, not '0'", error("--chunk-size", "0"));
    assertEquals("--data-dir needs a non-empty path", error("--data-dir", ""));
    assertEquals("--keep-going takes no value", error("--keep-going=yes"));
  }

  @Test
  void oneShotCommandsBatchesAndCommandStrings() throws UsageException {
    LaunchOptions o = LaunchOptions.parse("--nodes", "3", "--json", "get", "notes", "--out", "-", "--nodes", "9");
    assertEquals(List.of("get", "notes", "--out", "-", "--nodes", "9"), o.command(), "everything from COMMAND on is the command's");
    assertEquals(3, o.nodes());
    assertTrue(o.json());
    assertEquals("upload a x; get a", LaunchOptions.parse("-c", "upload a x; get a").commands());
    assertEquals(LaunchOptions.STDIN, LaunchOptions.parse("--batch", "-").batchFile());
    assertEquals("give one of --batch FILE, -c 'COMMANDS' and a COMMAND, not several", error("--batch", "x", "list"));
    assertEquals("give one of --batch FILE, -c 'COMMANDS' and a COMMAND, not several", error("-c", "list", "--batch", "x"));
    assertEquals("--commands needs a value", error("-c"));
  }

  @Test
  void replicationNeedsAsManyNodes() {
    assertEquals("replication 3 needs at least 3 storage nodes, but --nodes is 2 (lower it with --replication)",
        error("--nodes", "2"));
    assertEquals("replication 4 needs at least 4 storage nodes, but --nodes is 3", error("--nodes", "3", "--replication", "4"));
  }

  @Test
  void connectTakesTheNameNodeAndHowToReachIt() throws Exception {
    LaunchOptions.Remote remote = LaunchOptions.parse("--connect", "10.0.0.1:2551", "--keys", "/k", "--host", "10.0.0.9",
        "--spec", "c.conf").remote();
    assertEquals(new LaunchOptions.Remote(new HostPort("10.0.0.1", 2551), Path.of("/k"), false, "10.0.0.9", Path.of("c.conf")), remote);
    assertTrue(LaunchOptions.parse("--connect", "[::1]:2551", "--insecure").remote().insecure());
    assertNull(LaunchOptions.parse().remote());
  }

  @Test
  void connectFlagsAreCheckedTogether() {
    assertEquals("--connect needs --keys DIR (the cluster's TLS keys, made by scripts/stork-keys) or --insecure",
        error("--connect", "host:2552"));
    assertEquals("--keys and --insecure exclude each other", error("--connect", "h:1", "--keys", "k", "--insecure"));
    assertEquals("--connect: expected HOST:PORT, got 'host'", error("--connect", "host", "--insecure"));
    assertEquals("--connect: invalid port 'x': a number from 0 to 65535", error("--connect", "h:x", "--insecure"));
    assertEquals("--nodes is for an embedded cluster: with --connect, the name node's settings hold",
        error("--connect", "h:1", "--insecure", "--nodes", "3"));
    assertEquals("--keys goes with --connect HOST:PORT", error("--keys", "k"));
    assertEquals("--insecure goes with --connect HOST:PORT", error("--insecure"));
  }
}
