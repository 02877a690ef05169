package io.stork.bench;

import io.stork.client.StorkClient;
import io.stork.shell.StatusView;
import java.util.List;
import org.jline.utils.AttributedString;

/** How long {@code list} takes: the status from the name node, rendered as the shell renders it. */
final class ListTiming {
  private ListTiming() {}

  /** The median of 5 runs after one to warm up: a single run mostly measures the garbage collector. */
  static Figure time(StorkClient client, int artifacts) {
    render(client);
    double[] millis = new double[5];
    for (int run = 0; run < millis.length; run++) {
      long start = System.nanoTime();
      int lines = render(client);
      millis[run] = (System.nanoTime() - start) / 1e6;
      if (lines < artifacts) {
        throw new IllegalStateException("list showed " + lines + " lines for " + artifacts + " artifacts");
      }
    }
    java.util.Arrays.sort(millis);
    return Figure.of("list with " + artifacts + " artifacts (median of 5)", millis[2], "ms");
  }

  private static int render(StorkClient client) {
    List<AttributedString> lines = StatusView.cluster(client.nodes(), client.allArtifacts(""), client.summary(), 0);
    int length = 0;
    for (AttributedString line : lines) {
      length += line.toString().length();
    }
    return length > 0 ? lines.size() : 0;
  }
}
