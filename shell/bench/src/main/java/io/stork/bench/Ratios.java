package io.stork.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Process figures divided by the embedded figures of the same name ("processes: get 256 MiB" by
 * "embedded: get 256 MiB"), so that one run says what crossing process boundaries costs.
 */
final class Ratios {
  static final String EMBEDDED = "embedded: ";
  static final String PROCESSES = "processes: ";

  private Ratios() {}

  static List<Figure> of(List<Figure> embedded, List<Figure> processes) {
    Map<String, Figure> byName = embedded.stream()
        .filter(f -> f.name().startsWith(EMBEDDED))
        .collect(Collectors.toMap(f -> f.name().substring(EMBEDDED.length()), Function.identity()));
    List<Figure> ratios = new ArrayList<>();
    for (Figure process : processes) {
      if (!process.name().startsWith(PROCESSES)) {
        continue;
      }
      String what = process.name().substring(PROCESSES.length());
      Figure base = byName.get(what);
      if (base != null && base.value() > 0) {
        ratios.add(Figure.of("processes / embedded: " + what, process.value() / base.value(), "x"));
      }
    }
    return ratios;
  }
}
