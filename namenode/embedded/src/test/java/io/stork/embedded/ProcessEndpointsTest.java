package io.stork.embedded;

import static io.stork.embedded.Web.sum;
import static io.stork.embedded.Web.value;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.stork.client.ClusterConnection;
import io.stork.protocol.NodeStatus;
import io.stork.runtime.HostPort;
import io.stork.runtime.Transport;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP endpoints of real processes, from their --http-port flags: every process ready, the name
 * node's /metrics and dashboard state, each storage node's own /metrics, before and after a SIGKILL.
 */
class ProcessEndpointsTest {
  private static final List<String> NODES = List.of("sn-1", "sn-2", "sn-3", "sn-4");

  @Test
  void everyProcessServesItsHealthAndMetricsAndTheNameNodeItsDashboard(@TempDir Path dir) throws Exception {
    Path settings = Files.writeString(dir.resolve("settings.conf"), "stork.repair.startup-grace = 2s\n");
    try (StorkProcesses processes = new StorkProcesses(dir, List.of("--insecure", "--config", settings.toString()))) {
      HostPort nameNode = new HostPort("127.0.0.1", StorkProcesses.freePort("127.0.0.1"));
      String nameNodeUrl = "http://127.0.0.1:" + StorkProcesses.freePort("127.0.0.1") + "/";
      processes.startNameNode(nameNode.host(), nameNode.port(), "--http-port", port(nameNodeUrl));
      Map<String, String> nodeUrls = new LinkedHashMap<>();
      for (int i = 0; i < NODES.size(); i++) {
        nodeUrls.put(NODES.get(i), "http://127.0.0.1:" + StorkProcesses.freePort("127.0.0.1") + "/");
        processes.startStorageNode(NODES.get(i), "127.0.0." + (i + 2), nameNode.toString(), "z" + i, "--http-port",
            port(nodeUrls.get(NODES.get(i))));
      }
      await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
        assertEquals(200, Web.get(nameNodeUrl + "ready").statusCode(), processes.output("namenode"));
        for (String url : nodeUrls.values()) {
          assertEquals("ready\n", Web.get(url + "ready").body());
        }
      });
      try (ClusterConnection connection = ClusterConnection.open(nameNode, ClusterConnection.selfFor(nameNode),
          Transport.insecure(), ConfigFactory.empty(), Duration.ofSeconds(60))) {
        connection.client().upload("a", TestData.random(1 << 20, 11));
        Map<String, Double> nameNodeMetrics = Web.scrape(nameNodeUrl);
        assertEquals(1, value(nameNodeMetrics, "stork_namenode_artifacts"));
        assertEquals(1, value(nameNodeMetrics, "stork_namenode_uploads_total{outcome=\"committed\"}"));
        assertEquals(4, value(nameNodeMetrics, "stork_namenode_nodes{state=\"up\"}"));
        await().untilAsserted(() -> assertEquals(3, chunksOnNodes(nodeUrls), "one chunk, three replicas, each node its own"));
        assertEquals(1, sum(Web.scrape(nodeUrls.get("sn-1")), "stork_storage_reported"), "a node's /metrics has only itself");

        String victim = connection.client().nodes().stream().filter(n -> n.chunks() > 0)
            .max(Comparator.comparing(NodeStatus::id)).orElseThrow().id();
        processes.kill(victim);
        String victimUrl = nodeUrls.remove(victim);
        assertThrows(UncheckedIOException.class, () -> Web.get(victimUrl + "alive"), "a killed process answers nothing");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
          Map<String, Double> healed = Web.scrape(nameNodeUrl);
          assertEquals(1, value(healed, "stork_namenode_nodes{state=\"dead\"}"));
          assertEquals(0, value(healed, "stork_namenode_chunks_under_replicated"));
          assertTrue(value(healed, "stork_namenode_repair_copied_chunks_total") >= 1);
          assertEquals(3, chunksOnNodes(nodeUrls));
        });
        assertTrue(Web.get(nameNodeUrl).body().contains("<title>Stork dashboard</title>"));
        String state = Web.get(nameNodeUrl + "api/state").body();
        assertTrue(state.contains("{\"id\":\"" + victim + "\",\"state\":\"DEAD\""), state);
      }
    }
  }

  private static String port(String url) {
    return url.substring(url.lastIndexOf(':') + 1, url.length() - 1);
  }

  private static double chunksOnNodes(Map<String, String> nodeUrls) {
    return nodeUrls.values().stream().mapToDouble(url -> sum(Web.scrape(url), "stork_storage_chunks")).sum();
  }
}
