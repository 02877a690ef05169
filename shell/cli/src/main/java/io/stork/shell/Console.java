package io.stork.shell;

import java.io.PrintWriter;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Where commands write: results to {@code out}, errors to {@code err}. On a real terminal, output is
 * styled and long transfers show progress; anywhere else it is plain text, never escape codes.
 */
final class Console {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Terminal terminal; // null in batch mode
  private final boolean styled;
  private final boolean endContentLines;
  // Content is printed exactly, so it may leave a line open; the next output closes it first.
  private boolean outAtLineStart = true;

  private Console(PrintWriter out, PrintWriter err, Terminal terminal, boolean endContentLines) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.styled = terminal != null && !terminal.getType().startsWith(Terminal.TYPE_DUMB);
    this.endContentLines = endContentLines;
  }

  /** Plain output for a batch; {@code toTerminal}: stdout is a terminal, where content ends its line. */
  static Console plain(PrintWriter out, PrintWriter err, boolean toTerminal) {
    return new Console(out, err, null, toTerminal);
  }

  /** Everything to the terminal, styled when it can show styles. */
  static Console on(Terminal terminal) {
    return new Console(terminal.writer(), terminal.writer(), terminal, true);
  }

  void println(String line) {
    openLine();
    out.println(line);
  }

  void println(AttributedString line) {
    openLine();
    out.println(styled ? line.toAnsi(terminal) : line.toString());
  }

  /** Content exactly as stored; on a terminal, followed by a newline if it lacks one. */
  void content(String text) {
    openLine();
    out.print(text);
    outAtLineStart = text.isEmpty() || text.endsWith("\n");
    if (!outAtLineStart && endContentLines) {
      out.println();
      outAtLineStart = true;
    }
  }

  /** One error line: {@code where} is empty at the prompt, {@code demo.stork:4: } in a batch. */
  void error(String where, String message) {
    openLine(); // with 2>&1 the error must not stick to the end of printed content
    out.flush(); // keeps the order of results and errors when both go to one file
    String line = where + "error: " + message;
    err.println(styled ? new AttributedString(line, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).toAnsi(terminal) : line);
    err.flush();
  }

  /** A progress bar on a terminal; nothing elsewhere. */
  ProgressBar progress(String label) {
    if (terminal == null) {
      return new ProgressBar(label, out, () -> 0, () -> 0L); // the clock never reaches a second
    }
    return new ProgressBar(label, out, () -> terminal.getWidth() > 0 ? terminal.getWidth() : 80, System::nanoTime);
  }

  void flush() {
    out.flush();
    err.flush();
  }

  private void openLine() {
    if (!outAtLineStart) {
      out.println();
      outAtLineStart = true;
    }
  }
}
