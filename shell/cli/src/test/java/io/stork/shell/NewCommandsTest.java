package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stork.shell.ShellRunner.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** stat, status, events, list's filters, history, timing and -c: what they print, and one clear line for every bad input. */
class NewCommandsTest extends SharedClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Result stdin(String... lines) {
    return ShellRunner.run(environment, String.join("\n", lines) + "\n", "--keep-going");
  }

  @Test
  void everyBadInputGetsOneClearLineAndExitStatus2() {
    Result r = stdin(
        "list --sort colour",
        "list --limit 0",
        "list --limit many",
        "status --interval 1s",
        "status --watch --count 0",
        "status --watch --interval soon",
        "events --for ever",
        "events --count -1",
        "history 0",
        "timing maybe",
        "timing",
        "stat",
        "stat a b",
        "stat ../x",
        "wait healed --json --timeout x");
    List<String> lines = r.err().lines().toList();
    assertEquals(List.of(
        "<stdin>:1: error: --sort takes name, size or time, not 'colour'",
        "<stdin>:2: error: --limit takes a whole number above 0, not '0'",
        "<stdin>:3: error: --limit takes a whole number above 0, not 'many'",
        "<stdin>:4: error: --interval goes with --watch",
        "<stdin>:5: error: --count takes a whole number above 0, not '0'",
        "<stdin>:6: error: --interval: 'soon' is not a duration (like 250ms, 10s, 1.5s, 2m, 1h)",
        "<stdin>:7: error: --for: 'ever' is not a duration (like 250ms, 10s, 1.5s, 2m, 1h)",
        "<stdin>:8: error: --count takes a whole number above 0, not '-1'",
        "<stdin>:9: error: history takes a whole number above 0, not '0'",
        "<stdin>:10: error: timing takes on or off, not 'maybe'",
        "<stdin>:11: error: timing: missing on|off (usage: timing on|off)",
        "<stdin>:12: error: stat: missing NAME (usage: stat NAME)",
        "<stdin>:13: error: stat: unexpected argument 'b' (usage: stat NAME)",
        "<stdin>:14: error: artifact name has an empty, '.' or '..' path segment"), lines.subList(0, 14));
    assertTrue(lines.get(14).startsWith("{\"error\":\"--timeout: 'x' is not a duration"), lines.get(14));
    assertEquals(15, lines.size(), r.err());
    assertEquals(2, r.code());
    assertEquals("", r.out(), "nothing was done");
  }

  @Test
  void listFiltersByPrefixAndGlobSortsAndLimits() {
    assertEquals(0, stdin("upload f/app-1 a", "upload f/app-22 bbbbbbbbbb", "upload f/lib-1 cc", "upload g/app-3 d").code());
    Result prefix = stdin("list f/");
    assertTrue(prefix.out().startsWith("ARTIFACT"), prefix.out());
    assertEquals(4, prefix.out().lines().count(), prefix.out());
    Result glob = stdin("list 'f/app-*' --sort size");
    assertEquals(List.of("f/app-22", "f/app-1"), glob.out().lines().skip(1).map(l -> l.split(" ")[0]).toList());
    Result limited = stdin("list f/ --limit 1");
    assertTrue(limited.out().endsWith("... 2 more (--limit 1)\n"), limited.out());
    assertEquals("no artifact matches 'nothing/'\n", stdin("list nothing/").out());
    assertEquals("no artifact matches 'zz*'\n", stdin("list 'zz*'").out());
  }

  @Test
  void statGivesTheWholeSha256AsSha256sumPrintsIt() throws Exception {
    assertEquals(0, stdin("upload stat/me hello").code());
    String sha = cluster.client().locate("stat/me").version().sha256();
    Result r = stdin("stat stat/me");
    assertEquals("", r.err());
    assertTrue(r.out().contains("\nsha256:      " + sha + "\n"), r.out());
    assertTrue(r.out().contains("\nsha256sum:   " + sha + "  me\n"), r.out());
    assertTrue(r.out().contains("\nsize:        5 B (5 bytes) in 1 chunk\n"), r.out());
    assertTrue(r.out().endsWith("health:      healthy\n"), r.out());
    JsonNode json = JSON.readTree(stdin("stat stat/me --json").out());
    assertEquals(sha, json.get("sha256").asText());
    assertEquals(3, json.get("liveReplicas").asInt());
  }

  @Test
  void statusEventsTimingAndCommandStrings() throws Exception {
    Result status = stdin("status");
    assertTrue(status.out().startsWith("health:  healthy\nnodes:   4 of 4 up\ndata:    "), status.out());
    JsonNode watched = JSON.readTree(stdin("status --watch --count 2 --interval 10ms --json").out().lines().skip(1).findFirst()
        .orElseThrow());
    assertEquals("healthy", watched.get("health").asText());
    assertEquals(0, watched.get("repairBytesPerSecond").asLong(), "two samples: a rate, of nothing to repair");

    Result events = stdin("events --for 100ms");
    assertEquals("", events.err());
    assertEquals(0, events.code());

    Result timing = stdin("timing on", "status", "timing off", "status");
    assertEquals(2, timing.err().lines().filter(l -> l.matches("time: \\d+(ms|\\.\\ds)")).count(), "status and timing off: "
        + timing.err());
    assertTrue(timing.out().startsWith("timing is on\nhealth:"), timing.out());

    Result c = ShellRunner.run(environment, "", "-c", "upload c-1 'a; b'; get c-1; get c-none; get c-1");
    assertEquals("uploaded 'c-1': version 1, 4 B in 1 chunk\na; b\n", c.out());
    assertEquals("-c:3: error: artifact 'c-none' not found\n", c.err());
    assertEquals(3, c.code());

    Result history = stdin("history");
    assertEquals(0, history.code());
  }

  @Test
  void repairShowsAndChangesItsLimits() throws Exception {
    Result shown = stdin("repair");
    assertEquals("", shown.err());
    assertTrue(shown.out().startsWith("repair: 4 copies per node at a time, no rate limit\n"), shown.out());
    JsonNode changed = JSON.readTree(stdin("repair --copies 2 --rate 8MiB/s --json").out());
    assertEquals(2, changed.get("copiesPerNode").asInt());
    assertEquals(8L << 20, changed.get("bytesPerSecondPerNode").asLong());
    assertTrue(stdin("repair").out().startsWith("repair: 2 copies per node at a time, 8 MiB/s per node\n"), "kept");
    Result bad = stdin("repair --copies 0", "repair --rate fast", "repair --rate 0");
    assertEquals(List.of("<stdin>:1: error: --copies takes a whole number above 0, not '0'",
        "<stdin>:2: error: --rate: 'fast' is not a size (examples: 512, 64KiB, 4MiB)"), bad.err().lines().toList());
    assertTrue(bad.out().startsWith("repair: 2 copies per node at a time, no rate limit\n"), bad.out());
    stdin("repair --copies 4"); // as the other tests of this cluster expect it
    assertEquals(4, cluster.client().repairLimits().copiesPerNode());
  }

  @Test
  void safemodeAndRecoverSayWhatTheyFindAndChange() throws Exception {
    // A running cluster whose nodes agree with the namespace: safe mode goes off by itself.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> stdin("safemode").out().equals("safe mode is off\n"));
    JsonNode state = JSON.readTree(stdin("safemode --json").out());
    assertEquals(false, state.get("on").asBoolean());
    assertEquals("", state.get("reason").asText());
    Result recovered = stdin("recover");
    assertEquals("", recovered.err());
    assertEquals("recover: 0 version(s) restored, 0 delete(s) replayed\n", recovered.out(), "nothing newer on the nodes");
    JsonNode json = JSON.readTree(stdin("recover --json").out());
    assertEquals(0, json.get("restored").size());
    Result bad = stdin("safemode enter");
    assertEquals(List.of("<stdin>:1: error: safemode: unknown action 'enter' (only 'leave')"), bad.err().lines().toList());
    assertEquals("safe mode is off\n", stdin("safemode leave").out(), "leaving when off changes nothing");
  }
}
