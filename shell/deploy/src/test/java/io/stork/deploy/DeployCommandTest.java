package io.stork.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stork-deploy and stork-undeploy without a cluster: flags and exit codes, the dry run of a spec of
 * other hosts (the ssh commands, which this machine cannot run), and the state of processes that are
 * gone, that are still running, or whose pid now belongs to another process.
 */
class DeployCommandTest {
  private static final String LOCAL = """
      namenode { host = 127.0.0.1, port = 2551 }
      insecure = true
      data-root = data
      storage-nodes = [ { id = sn-1, host = 127.0.0.2 } ]
      """;

  record Result(int code, String out, String err) {}

  @TempDir
  Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killWhatTheTestStarted() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void usageErrorsExitWith2AndHelpWith0() throws IOException {
    Path spec = Files.writeString(dir.resolve("local.conf"), LOCAL);
    assertEquals(new Result(2, "", "stork-deploy: missing SPEC\n(stork-deploy --help shows the options)\n"), run("deploy"));
    assertEquals(new Result(2, "", "stork-undeploy: unknown option '--dry-run'\n(stork-undeploy --help shows the options)\n"),
        run("undeploy", "--dry-run", spec.toString()));
    assertEquals(new Result(2, "", "stork-deploy: invalid --timeout 'soon': a duration such as 90s or 2m\n"
        + "(stork-deploy --help shows the options)\n"), run("deploy", "--timeout", "soon", spec.toString()));
    assertEquals(new Result(2, "", "stork-deploy: unexpected argument 'b.conf'\n(stork-deploy --help shows the options)\n"),
        run("deploy", "a.conf", "b.conf"));
    Result badSpec = run("deploy", dir.resolve("none.conf").toString());
    assertEquals(2, badSpec.code());
    assertEquals("stork-deploy: " + dir.resolve("none.conf") + ": no such file\n(stork-deploy --help shows the options)\n",
        badSpec.err());
    Result help = run("undeploy", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().startsWith("usage: stork-undeploy [-h] [--purge] [--timeout=DURATION] SPEC\n"), help.out());
    assertFalse(Files.exists(dir.resolve("data")), "nothing was started or written");
  }

  @Test
  void aDryRunShowsTheSshCommandsForEveryHostAndRunsNothing() throws IOException {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Path spec = Files.writeString(dir.resolve("remote.conf"), """
        namenode { host = node-1.example.org }
        keys = keys
        data-root = %s
        settings { stork.replication = 2 }
        ssh { user = stork, stork-home = "/opt/stork it" }
        storage-nodes = [
          { id = sn-1, host = node-2.example.org, zone = a, capabilities = [ssd] }
          { id = sn-2, host = node-1.example.org, port = 2552, zone = b }
        ]
        """.formatted(dir.resolve("root")));
    Result result = run("deploy", "--dry-run", spec.toString());
    String root = dir.resolve("root").toString();
    String ssh = "ssh -o BatchMode=yes -o ConnectTimeout=10 ";
    String scp = "scp -p -q -o BatchMode=yes -o ConnectTimeout=10 ";
    String copyKeys = keys + "/keystore.p12 " + keys + "/truststore.p12 " + keys + "/password ";
    String start = "'cd '\\''/opt/stork it'\\'' && mkdir -p " + root;
    String end = " 2>&1 < /dev/null & echo $!; }'";
    String common = " --keys " + root + "/keys --config " + root + "/settings.conf >> ";
    assertEquals(new Result(0, String.join("\n",
        "dry run: what stork-deploy would do for " + spec + " (nothing is run)",
        "write the spec's settings to " + root + "/settings.conf (on this host)",
        "node-1.example.org:",
        "  " + ssh + "stork@node-1.example.org 'mkdir -p " + root + " && mkdir -p -m 700 " + root + "/keys'",
        "  " + scp + copyKeys + "stork@node-1.example.org:" + root + "/keys/",
        "  " + scp + root + "/settings.conf stork@node-1.example.org:" + root + "/settings.conf",
        "  start namenode: " + ssh + "stork@node-1.example.org " + start + "/namenode && { setsid nohup scripts/stork-namenode "
            + "--host node-1.example.org --port 2551 --data-dir " + root + "/namenode" + common + root + "/namenode/process.out" + end,
        "  start sn-2: " + ssh + "stork@node-1.example.org " + start + "/sn-2 && { setsid nohup scripts/stork-storagenode "
            + "--namenode node-1.example.org:2551 --id sn-2 --zone b --host node-1.example.org --port 2552 --data-dir " + root
            + "/sn-2" + common + root + "/sn-2/process.out" + end,
        "node-2.example.org:",
        "  " + ssh + "stork@node-2.example.org 'mkdir -p " + root + " && mkdir -p -m 700 " + root + "/keys'",
        "  " + scp + copyKeys + "stork@node-2.example.org:" + root + "/keys/",
        "  " + scp + root + "/settings.conf stork@node-2.example.org:" + root + "/settings.conf",
        "  start sn-1: " + ssh + "stork@node-2.example.org " + start + "/sn-1 && { setsid nohup scripts/stork-storagenode "
            + "--namenode node-1.example.org:2551 --id sn-1 --zone a --capability ssd --host node-2.example.org --port 0 --data-dir "
            + root + "/sn-1" + common + root + "/sn-1/process.out" + end,
        "then wait up to 120 s for every storage node to join, and print how to connect:",
        "  scripts/stork --connect node-1.example.org:2551 --keys " + keys + " --spec " + spec,
        ""), ""), result);
    assertFalse(Files.exists(dir.resolve("root/settings.conf")), "a dry run writes nothing");
  }

  @Test
  void undeployStopsOnlyWhatIsStillItsProcessAndForgetsTheRest() throws Exception {
    Path spec = Files.writeString(dir.resolve("local.conf"), LOCAL);
    Path data = dir.resolve("data");
    StateDir state = new StateDir(data.resolve("deploy"));
    // A stand-in for the name node: a process whose command line has its main class and data directory
    // (a shell waiting in its builtin read on the pipe from this JVM, with no child of its own).
    Process standIn = start("sh", "-c", "read line", "io.stork.namenode.NameNodeMain", "--data-dir", data.resolve("namenode").toString());
    state.write(new ProcessState("namenode", standIn.pid(), "127.0.0.1", "io.stork.namenode.NameNodeMain",
        data.resolve("namenode").toString(), "sh -c 'read line' ...", Instant.now()));
    Process ended = start("true");
    assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
    state.write(new ProcessState("sn-1", ended.pid(), "127.0.0.2", "io.stork.storagenode.process.StorageNodeMain",
        data.resolve("sn-1").toString(), "...", Instant.now()));
    // A pid that now runs something else: this very JVM, which must survive.
    long mine = ProcessHandle.current().pid();
    state.write(new ProcessState("sn-2", mine, "127.0.0.3", "io.stork.storagenode.process.StorageNodeMain",
        data.resolve("sn-2").toString(), "...", Instant.now()));

    Result refused = run("deploy", spec.toString());
    assertEquals(new Result(1, "", "stork-deploy: already deployed: namenode (pid " + standIn.pid() + ") runs from "
        + data.resolve("deploy") + "; stop it first with scripts/stork-undeploy " + spec + "\n"), refused);
    assertTrue(standIn.isAlive());

    Result undeployed = run("undeploy", spec.toString());
    assertEquals(0, undeployed.code(), undeployed.toString());
    List<String> lines = undeployed.out().lines().toList();
    assertEquals(3, lines.size(), undeployed.out());
    // The storage nodes first (together, in either order), then the name node.
    assertEquals(List.of("sn-1 (pid " + ended.pid() + ") had already exited",
        "sn-2 (pid " + mine + "): that pid now runs something else, left alone"), lines.subList(0, 2).stream().sorted().toList());
    assertEquals("stopped namenode (pid " + standIn.pid() + ")", lines.get(2));
    assertTrue(standIn.waitFor(30, TimeUnit.SECONDS), "the stand-in got SIGTERM");
    assertEquals(List.of(), state.ids());
    assertEquals(new Result(0, "nothing to stop: no process of " + spec + " is recorded in " + data.resolve("deploy") + "\n", ""),
        run("undeploy", spec.toString()));
  }

  private Process start(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    started.add(process);
    return process;
  }

  private Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = DeployMain.run(args, o, e);
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
