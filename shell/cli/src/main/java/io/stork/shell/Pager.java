package io.stork.shell;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jline.builtins.Less;
import org.jline.builtins.Source;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;

/** Long output on a terminal goes through a pager (JLine's less: q leaves, / searches); elsewhere it is printed. */
final class Pager {
  private Pager() {}

  static void show(Console console, List<AttributedString> lines) {
    Terminal terminal = console.terminal();
    if (terminal == null || terminal.getType().startsWith(Terminal.TYPE_DUMB) || terminal.getHeight() <= 0
        || lines.size() < terminal.getHeight() - 1) {
      lines.forEach(console::println);
      return;
    }
    String text = lines.stream().map(l -> console.styled() ? l.toAnsi(terminal) : l.toString())
        .collect(Collectors.joining("\n", "", "\n"));
    Less less = new Less(terminal, Path.of("."));
    less.quitIfOneScreen = true;
    try {
      less.run(new Source.InputStreamSource(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true,
          "q leaves, / searches, space pages"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // Ctrl-C leaves the pager
    } catch (java.io.IOException e) {
      lines.forEach(console::println);
    }
  }
}
