package io.stork.shell;

import io.stork.shell.ShellRunner.Result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chaos and wait commands against a cluster of their own (they kill its nodes). */
class ChaosShellTest extends SharedClusterTest {
  @Test
  void everyChaosActionWorksAndTheStoreHeals() {
    Result r = ShellRunner.run(environment, String.join("\n",
        "upload victim one two three",
        "chaos kill sn-2",
        "chaos status",
        "wait healed --timeout 30s",
        "chaos restart sn-2",
        "wait nodes 4",
        "chaos drop 10% --to sn-1",
        "chaos delay 1ms..5ms",
        "chaos off",
        "chaos corrupt victim",
        "get victim",
        "chaos kill random --count 2",
        "chaos status",
        "chaos monkey --mttf 200ms --max-down 1",
        "chaos monkey stop",
        "wait nodes 2",
        "list") + "\n");
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertTrue(r.out().contains("killed sn-2\nmonkey: off\nmessages: no drops, no delays\ndown: sn-2\n"), r.out());
    assertTrue(r.out().contains("healed: every chunk has 3 live replicas\nrestarted sn-2 (it rejoined with its data)\n4 storage nodes up\n"), r.out());
    assertTrue(r.out().contains("drop: 10% of messages to sn-1\n"), r.out());
    assertTrue(r.out().contains("messages flow normally again\n"), r.out());
    assertTrue(r.out().matches("(?s).*flipped a byte of chunk 0 of 'victim' on sn-\\d\none two three\n.*"), r.out());
    assertTrue(r.out().contains("chaos monkey started: monkey: mean time to failure 200ms, at most 1 down"), r.out());
    assertTrue(r.out().matches("(?s).*killed sn-\\d, sn-\\d\n.*down: sn-\\d, sn-\\d\n.*"), r.out());
    assertTrue(r.out().contains("repair copies running: "), r.out());
  }

  /** Every test starts with the whole cluster up and healed. */
  @AfterEach
  void restoreCluster() {
    for (String node : cluster.cluster().nodeIds()) {
      if (!cluster.cluster().runningNodes().contains(node)) {
        cluster.chaos().restart(node);
      }
    }
    cluster.chaos().off();
    assertEquals(0, ShellRunner.run(environment, "wait nodes 4\nwait healed\n").code());
  }

  @Test
  void badChaosAndWaitInputGetsOneClearLineEach() {
    Result r = ShellRunner.run(environment, String.join("\n",
        "chaos",
        "chaos kill",
        "chaos kill sn-9",
        "chaos kill sn-1 --count 2",
        "chaos kill random --count 0",
        "chaos drop 200",
        "chaos drop 5 --mttf 1s",
        "chaos delay fast",
        "chaos monkey",
        "chaos monkey --mttf 1s --max-down 9",
        "chaos monkey stop",
        "chaos off now",
        "chaos restart sn-1",
        "chaos corrupt nothing-here",
        "wait",
        "wait forever",
        "wait healed --timeout 1x",
        "wait nodes five",
        "wait nodes 9 --timeout 200ms") + "\n", "--keep-going");
    String[] lines = r.err().split("\n");
    assertEquals(String.join("\n",
        "<stdin>:1: error: chaos: missing ACTION, one of kill, restart, drop, delay, off, corrupt, monkey, status (help chaos explains them)",
        "<stdin>:2: error: chaos kill: missing NODE (usage: chaos kill NODE | chaos kill random [--count N])",
        "<stdin>:3: error: no storage node 'sn-9' (nodes: sn-1, sn-2, sn-3, sn-4)",
        "<stdin>:4: error: --count goes with chaos kill random",
        "<stdin>:5: error: --count takes a whole number above 0, not '0'",
        "<stdin>:6: error: chaos drop: '200' is not a percentage from 0 to 100",
        "<stdin>:7: error: unknown flag '--mttf' for chaos drop; usage: chaos drop PERCENT [--to NODE]",
        "<stdin>:8: error: chaos delay: 'fast' is not a duration (like 250ms, 10s, 1.5s, 2m, 1h)",
        "<stdin>:9: error: usage: chaos monkey --mttf DURATION [--max-down K] | chaos monkey stop",
        "<stdin>:10: error: --max-down must be between 1 and 3",
        "<stdin>:11: error: the chaos monkey is not running",
        "<stdin>:12: error: chaos off: unexpected argument 'now' (usage: chaos off)",
        "<stdin>:13: error: sn-1 is already running",
        "<stdin>:14: error: artifact 'nothing-here' not found",
        "<stdin>:15: error: wait: missing healed|nodes (usage: wait healed [--timeout DURATION] | wait nodes N [--timeout DURATION])",
        "<stdin>:16: error: usage: wait healed [--timeout DURATION] | wait nodes N [--timeout DURATION]",
        "<stdin>:17: error: --timeout: '1x' is not a duration (like 250ms, 10s, 1.5s, 2m, 1h)",
        "<stdin>:18: error: wait nodes: N must be a whole number, not 'five'"), String.join("\n", java.util.Arrays.copyOf(lines, 18)));
    assertTrue(lines[18].startsWith("<stdin>:19: error: wait: not 9 storage nodes up after 200ms ("), lines[18]);
    assertTrue(lines[18].endsWith(", 4 of 4 nodes up)"), lines[18]);
    assertEquals(19, lines.length);
    assertEquals(2, r.code(), "the first failure, a usage error");
    assertEquals(4, cluster.cluster().runningNodes().size(), "no bad input killed anything");
  }

  @Test
  void theChaosDemoRunsFromTheRealLauncher() {
    Result r = ShellRunner.runReal("", "--data-dir", dir.resolve("demo").toString(), "--batch", "../../scripts/chaos-demo.stork");
    assertEquals("", r.err());
    assertEquals(0, r.code());
    String out = r.out();
    String afterKill = out.substring(out.indexOf("killed sn-2\n"));
    assertTrue(afterKill.matches("(?s)killed sn-2\nNODE .*\nsn-2 +dead .*under-replicated.*"), out);
    assertTrue(out.contains("healed: every chunk has 3 live replicas\n"), out);
    assertTrue(out.contains("Stork 1.0: chunks, replicas, and a shell\nreplication = 3\napp.jar lib/ README.md\nHello from the chaos demo\n"), out);
    String last = out.substring(out.lastIndexOf("NODE "));
    assertTrue(last.contains("chunks under-replicated: 0, unavailable: 0"), last);
    assertTrue(last.matches("(?s).*sn-2 +up .*"), last);
  }
}
