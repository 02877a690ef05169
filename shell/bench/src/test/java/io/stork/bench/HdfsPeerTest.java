package io.stork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HdfsPeerTest {

  @Test
  void thePeersLinesBecomeFiguresAndStorksAreDividedByThem() {
    Map<String, String> peer = Map.of("put_8mblk_mib_s", "80.0", "get_8mblk_mib_s", "500", "recovery_defstreams_total_ms", "18000",
        "recovery_defstreams_rereplicate_mib_s", "n/a", "version", "3.5.0");
    List<Figure> stork = List.of(Figure.of("processes: upload 256 MiB (R=3)", 120, "MiB/s"),
        Figure.of("processes: get 256 MiB", 250, "MiB/s"), Figure.of("processes: recovery: kill to healed", 9, "s"),
        Figure.of("processes: recovery: copy rate", 40, "MiB/s"));
    List<Figure> figures = HdfsPeer.figures(peer, 256, stork);
    Map<String, Double> byName = new java.util.TreeMap<>();
    figures.forEach(f -> byName.put(f.name(), f.value()));
    assertEquals(Map.of(
        "hdfs processes: upload 256 MiB (RF 3, 8 MiB blocks)", 80.0,
        "hdfs processes: get 256 MiB (8 MiB blocks)", 500.0,
        "hdfs processes: recovery: kill to healed", 18.0,
        "processes / hdfs processes: upload 256 MiB (R=3)", 1.5,
        "processes / hdfs processes: get 256 MiB", 0.5,
        "processes / hdfs processes: recovery: kill to healed", 0.5), byName,
        "a figure the peer has not (n/a) is left out, with its ratio");
  }
}
