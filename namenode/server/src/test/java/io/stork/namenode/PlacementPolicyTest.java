package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {

  private static NodeInfo node(String id, String zone, long used, String... capabilities) {
    return new NodeInfo(id, zone, List.of(capabilities), 1000, used);
  }

  @Test
  void spreadsOverZonesBeforeRepeatingOne() {
    List<NodeInfo> nodes = List.of(node("a1", "a", 0), node("a2", "a", 0), node("b1", "b", 50), node("c1", "c", 90));
    PlacementPolicy.Placement placement = PlacementPolicy.choose(nodes, 3, 10, List.of(), Set.of(), new Random(1));
    assertTrue(placement.nodeIds().containsAll(List.of("b1", "c1")), "the busier nodes of other zones beat a second node in zone a");
    assertEquals(Set.of("a", "b", "c"), zonesOf(nodes, placement));
  }

  @Test
  void honoursRequiredCapabilitiesAndExclusions() {
    List<NodeInfo> nodes = List.of(node("g1", "", 0, "gpu"), node("g2", "", 0, "gpu", "ssd"), node("s1", "", 0, "ssd"), node("g3", "", 0, "gpu"));
    PlacementPolicy.Placement placement = PlacementPolicy.choose(nodes, 2, 1, List.of("gpu"), Set.of("g1"), new Random(2));
    assertEquals(Set.of("g2", "g3"), Set.copyOf(placement.nodeIds()));
    PlacementPolicy.Placement tooFew = PlacementPolicy.choose(nodes, 3, 1, List.of("gpu"), Set.of("g1"), new Random(2));
    assertFalse(tooFew.ok());
    assertEquals("need 3 live storage nodes with capabilities [gpu] and room besides g1, have 2 (of 4 live)", tooFew.error());
    assertEquals("need 2 live storage nodes with capabilities [nvme] and room, have 0 (of 4 live)",
        PlacementPolicy.choose(nodes, 2, 1, List.of("nvme"), Set.of(), new Random(2)).error());
    assertEquals("need 5 live storage nodes with room, have 4",
        PlacementPolicy.choose(nodes, 5, 1, List.of(), Set.of(), new Random(2)).error());
  }

  @Test
  void skipsNodesWithoutRoom() {
    List<NodeInfo> nodes = List.of(node("full", "", 995), node("n1", "", 0), node("n2", "", 10));
    assertEquals(Set.of("n1", "n2"), Set.copyOf(PlacementPolicy.choose(nodes, 2, 10, List.of(), Set.of(), new Random(3)).nodeIds()));
  }

  @Test
  void aFileSystemWithoutRoomBarsItsNodesWhateverTheirOwnRoom() {
    List<NodeInfo> nodes = List.of(new NodeInfo("a", "", List.of(), 1000, 0, "/dev:1", 5), new NodeInfo("b", "", List.of(), 1000, 0),
        new NodeInfo("c", "", List.of(), 1000, 0, "/dev:2", 500));
    assertEquals(Set.of("b", "c"), Set.copyOf(PlacementPolicy.choose(nodes, 2, 10, List.of(), Set.of(), new Random(4)).nodeIds()));
  }

  @Test
  void nodesThatLackOnlyTheRoomAreNoSpaceNamingTheNodesWithTheMost() {
    List<NodeInfo> nodes = List.of(node("a", "", 995), node("b", "", 990), node("c", "", 1000), node("d", "", 500));
    PlacementPolicy.Placement full = PlacementPolicy.choose(nodes, 2, 100, List.of(), Set.of(), new Random(5));
    assertTrue(full.noSpace());
    assertEquals("no space for a 100 B chunk on 2 nodes: 1 of the live storage nodes has room (d 500 B free, b 10 B free, a 5 B free, "
        + "...)", full.error());
    PlacementPolicy.Placement elsewhere = PlacementPolicy.choose(nodes, 1, 100, List.of(), Set.of("d"), new Random(5));
    assertEquals("no space for a 100 B chunk on 1 node: 0 of the other live storage nodes have room (b 10 B free, a 5 B free, "
        + "c 0 B free)", elsewhere.error());
    PlacementPolicy.Placement tooFew = PlacementPolicy.choose(nodes, 3, 100, List.of(), Set.of("a", "b"), new Random(5));
    assertFalse(tooFew.noSpace(), "too few nodes left is no matter of room");
    assertEquals("need 3 live storage nodes with room besides a, b, have 1 (of 4 live)", tooFew.error());
  }

  /** Property: over many random clusters, every placement keeps every rule or honestly fails. */
  @Test
  void everyPlacementKeepsTheRulesOverRandomClusters() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> allCapabilities = List.of("ssd", "gpu", "arm");
    for (int trial = 0; trial < 5_000; trial++) {
      int nodeCount = random.nextInt(12);
      int zoneCount = random.nextInt(5); // 0: nodes declare no zone
      List<NodeInfo> nodes = new ArrayList<>();
      for (int i = 0; i < nodeCount; i++) {
        List<String> caps = allCapabilities.stream().filter(c -> random.nextInt(3) == 0).toList();
        String zone = zoneCount == 0 ? "" : "z" + random.nextInt(zoneCount);
        nodes.add(new NodeInfo("n" + i, zone, caps, 1000, random.nextInt(1001)));
      }
      int replicas = 1 + random.nextInt(4);
      long chunk = random.nextInt(200);
      List<String> required = allCapabilities.stream().filter(c -> random.nextInt(4) == 0).toList();
      Set<String> excluded = nodes.stream().map(NodeInfo::id).filter(id -> random.nextInt(6) == 0).collect(Collectors.toSet());

      List<NodeInfo> candidates = nodes.stream().filter(n -> !excluded.contains(n.id())
          && n.capabilities().containsAll(required) && n.freeBytes() >= chunk).toList();
      PlacementPolicy.Placement placement = PlacementPolicy.choose(nodes, replicas, chunk, required, excluded, random);
      String context = "seed " + seed + " trial " + trial + ": " + nodes + " r=" + replicas + " req=" + required + " ex=" + excluded;

      if (candidates.size() < replicas) {
        assertFalse(placement.ok(), context);
        continue;
      }
      assertTrue(placement.ok(), context);
      List<String> chosen = placement.nodeIds();
      assertEquals(replicas, chosen.size(), context);
      assertEquals(replicas, new HashSet<>(chosen).size(), "distinct nodes: " + context);
      Set<String> candidateIds = candidates.stream().map(NodeInfo::id).collect(Collectors.toSet());
      assertTrue(candidateIds.containsAll(chosen), "only suitable nodes: " + context);
      if (zoneCount > 0) {
        long candidateZones = candidates.stream().map(NodeInfo::zone).distinct().count();
        assertEquals(Math.min(replicas, candidateZones), zonesOf(nodes, placement).size(), "zone spread: " + context);
      } else {
        // Without zones, least used first: no unchosen candidate is less used than a chosen one.
        Map<String, NodeInfo> byId = nodes.stream().collect(Collectors.toMap(NodeInfo::id, Function.identity()));
        long maxChosen = chosen.stream().mapToLong(id -> byId.get(id).usedBytes()).max().orElse(0);
        for (NodeInfo candidate : candidates) {
          if (!chosen.contains(candidate.id())) {
            assertTrue(candidate.usedBytes() >= maxChosen, "least used first: " + context);
          }
        }
      }
    }
  }

  private static Set<String> zonesOf(List<NodeInfo> nodes, PlacementPolicy.Placement placement) {
    return nodes.stream().filter(n -> placement.nodeIds().contains(n.id())).map(NodeInfo::zone).collect(Collectors.toSet());
  }
}
