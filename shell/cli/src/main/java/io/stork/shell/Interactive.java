package io.stork.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The {@code stork>} prompt: line editing, Tab completion, persistent history. Each command runs on
 * its own thread, so that Ctrl-C (outside line editing, where JLine does not claim it) interrupts
 * the command, which cancels a transfer; Ctrl-C while typing drops the line; Ctrl-D leaves.
 */
final class Interactive {
  private final Terminal terminal;
  private final Completer completer;
  private final Path historyFile;
  private final Function<Consumer<Event>, AutoCloseable> events;
  private final boolean noColor;
  private volatile Thread running;
  private volatile LineReader reader;

  /** {@code events} subscribes a listener to the cluster's events, printed above the prompt as they come. */
  Interactive(Terminal terminal, Completer completer, Path historyFile, Function<Consumer<Event>, AutoCloseable> events,
              boolean noColor) {
    this.terminal = terminal;
    this.completer = completer;
    this.historyFile = historyFile;
    this.events = events;
    this.noColor = noColor;
  }

  /** The lines typed so far, this session's and earlier ones' (from the history file), oldest first. */
  List<String> history() {
    LineReader current = reader;
    if (current == null) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    current.getHistory().forEach(entry -> lines.add(entry.line()));
    return lines;
  }

  int run(Shell shell) {
    LineReader reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("stork")
        .completer(completer)
        // The Shell tokenizes again and reports an unclosed quote: no secondary prompt for it here.
        .parser(new DefaultParser().eofOnUnclosedQuote(false))
        .variable(LineReader.HISTORY_FILE, historyFile)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' in content stays '!'
        .option(LineReader.Option.INSERT_TAB, false) // Tab on an empty line lists the commands
        .build();
    this.reader = reader;
    terminal.handle(Terminal.Signal.INT, signal -> {
      Thread command = running;
      if (command != null) {
        command.interrupt();
      }
    });
    String prompt = prompt();
    AutoCloseable feed = events.apply(event -> {
      if (running != null) {
        terminal.writer().print(plain() ? "\r" : "\r\u001b[K"); // over a command's progress line, which redraws itself
      }
      reader.printAbove(event(event));
    });
    while (!shell.exitRequested()) {
      String line;
      try {
        line = reader.readLine(prompt);
      } catch (UserInterruptException e) {
        continue; // Ctrl-C while typing: the line is dropped, a fresh prompt follows
      } catch (EndOfFileException e) {
        break; // Ctrl-D
      }
      runCommand(shell, line);
    }
    try {
      feed.close();
      reader.getHistory().save();
    } catch (Exception e) {
      terminal.writer().println("warning: history not saved: " + e.getMessage());
    }
    terminal.writer().flush();
    return ExitCode.OK;
  }

  private void runCommand(Shell shell, String line) {
    Thread command = new Thread(() -> shell.execute(line, ""), "stork-command");
    running = command;
    command.start();
    while (command.isAlive()) {
      try {
        command.join();
      } catch (InterruptedException e) {
        // Nothing interrupts the prompt thread on purpose; the command must finish before the next prompt.
      }
    }
    running = null;
  }

  /** An event line, in colour on a real terminal: {@code * 12:03:04 sn-2 dead: 41 chunks under-replicated}. */
  private AttributedString event(Event event) {
    AttributedStyle style = event.good() || event.message().contains("restarted")
        ? AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN) : AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    return new AttributedString("* " + event.line(), plain() ? AttributedStyle.DEFAULT : style);
  }

  private String prompt() {
    AttributedString prompt = new AttributedString("stork> ", AttributedStyle.BOLD.foreground(AttributedStyle.GREEN));
    return plain() ? prompt.toString() : prompt.toAnsi(terminal);
  }

  /** No styles on a dumb terminal, nor when NO_COLOR is set. */
  private boolean plain() {
    return noColor || terminal.getType().startsWith(Terminal.TYPE_DUMB);
  }
}
