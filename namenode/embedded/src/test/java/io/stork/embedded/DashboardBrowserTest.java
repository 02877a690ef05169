package io.stork.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stork.protocol.NodeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (headless Chromium): it shows the nodes and the placement map, a
 * node killed through the cluster's API is marked dead as the event arrives, and the map heals.
 */
class DashboardBrowserTest {
  /** An artifact name a careless page would run as HTML. */
  static final String NASTY = "<img src=x onerror=\"document.title='pwned'\">&amp;";

  /** What the page shows now: each node's state, the replicas missing, the health pill, the log. */
  static final String READ_PAGE = """
      const nodes = {};
      document.querySelectorAll('#nodes tr[data-node]').forEach(row => nodes[row.dataset.node] = row.dataset.state);
      const map = document.getElementById('placement');
      return { nodes: nodes, missing: Number(map.dataset.missing), rows: map.tBodies[0].rows.length,
               names: [...map.querySelectorAll('tr[data-artifact]')].map(row => row.cells[0].textContent),
               images: document.querySelectorAll('#placement img').length, title: document.title,
               health: document.getElementById('health').dataset.state, live: document.getElementById('live').className,
               events: [...document.querySelectorAll('#events li')].map(item => item.textContent) };
      """;

  @Test
  void aKilledNodeShowsDeadAndThePlacementMapHeals(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(WebDriver.missing() == null, WebDriver.missing());
    try (EmbeddedCluster cluster = ClusterFixture.start(dir.resolve("cluster"), MetricsTest.CONFIG)) {
      cluster.client().upload("releases/app-1.0.jar", TestData.random(3 << 20, 5));
      cluster.client().upload("notes.txt", TestData.random(1000, 6));
      cluster.client().upload(NASTY, TestData.random(300_000, 7));
      Files.createDirectories(dir.resolve("profile"));
      try (WebDriver browser = WebDriver.start(dir.resolve("profile"))) {
        browser.open(cluster.httpUrl().orElseThrow());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          JsonNode page = browser.run(READ_PAGE);
          assertEquals("live on", page.get("live").asText());
          assertEquals(5, page.get("nodes").size(), page.toString());
          cluster.nodeIds().forEach(id -> assertEquals("up", page.get("nodes").path(id).asText(), page.toString()));
          assertEquals(3, page.get("rows").asInt());
          assertEquals(0, page.get("missing").asInt());
          assertEquals("healthy", page.get("health").asText());
        });
        JsonNode shown = browser.run(READ_PAGE);
        assertTrue(shown.get("names").toString().contains(NASTY.replace("\"", "\\\"")), "the name as text: " + shown.get("names"));
        assertEquals(0, shown.get("images").asInt(), "no markup from a name");
        assertEquals("Stork dashboard", shown.get("title").asText());

        String victim = cluster.client().nodes().stream().max(Comparator.comparingLong(NodeStatus::chunks)).orElseThrow().id();
        cluster.stopStorageNode(victim);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertEquals("dead", browser.run(READ_PAGE).get("nodes").path(victim).asText()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          JsonNode page = browser.run(READ_PAGE);
          assertEquals(0, page.get("missing").asInt(), "every replica back: " + page);
          assertEquals("healthy", page.get("health").asText());
          assertTrue(page.get("events").toString().contains(victim + " dead"), page.get("events").toString());
          assertTrue(page.get("events").toString().contains("healed in"), page.get("events").toString());
        });
        JsonNode victimCells = browser.run("return [...document.querySelectorAll('#placement td[data-node=\"" + victim
            + "\"]')].map(cell => cell.textContent).join('');");
        assertEquals("", victimCells.asText(), "no replica counted on the dead node");
        Files.write(Path.of("target", "dashboard.png"), browser.screenshot()); // to look at when it fails

        browser.open(cluster.httpUrl().orElseThrow() + "#/artifact/releases%2Fapp-1.0.jar");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          JsonNode artifact = browser.run("const t = document.getElementById('chunks'); return { rows: t.tBodies[0].rows.length,"
              + " missing: Number(t.dataset.missing), name: document.getElementById('artifact-name').textContent };");
          assertEquals(12, artifact.get("rows").asInt(), "3 MiB in 256 KiB chunks: " + artifact);
          assertEquals(0, artifact.get("missing").asInt());
          assertEquals("releases/app-1.0.jar", artifact.get("name").asText());
        });
        Files.write(Path.of("target", "dashboard-artifact.png"), browser.screenshot());
      }
    }
  }
}
