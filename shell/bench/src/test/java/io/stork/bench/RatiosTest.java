package io.stork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatiosTest {
  @Test
  void eachProcessFigureIsDividedByTheEmbeddedOneOfTheSameName() {
    List<Figure> embedded = List.of(Figure.of("embedded: upload 256 MiB (R=3)", 100, "MiB/s"),
        Figure.of("embedded: recovery: kill to healed", 2, "s"), Figure.of("embedded: only here", 1, "x"));
    List<Figure> processes = List.of(Figure.of("processes: upload 256 MiB (R=3)", 60, "MiB/s"),
        Figure.of("processes: recovery: kill to healed", 5, "s"), Figure.of("processes: only there", 1, "x"));
    assertEquals(List.of(Figure.of("processes / embedded: upload 256 MiB (R=3)", 0.6, "x"),
        Figure.of("processes / embedded: recovery: kill to healed", 2.5, "x")), Ratios.of(embedded, processes));
  }

  @Test
  void aZeroEmbeddedFigureGivesNoRatio() {
    assertEquals(List.of(), Ratios.of(List.of(Figure.of("embedded: x", 0, "s")), List.of(Figure.of("processes: x", 1, "s"))));
  }
}
