package io.stork.shell;

import io.stork.protocol.ErrorKind;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Where commands write: results to {@code out}, errors to {@code err}. On a real terminal, output is
 * styled (unless NO_COLOR is set) and long transfers show progress; anywhere else it is plain
 * text, never escape codes. Bytes (get --out -) go to the raw stdout beside the text.
 */
final class Console {
  private final PrintWriter out;
  private final PrintWriter err;
  private final OutputStream raw; // null on a terminal: binary is never written to one
  private final Terminal terminal; // null in batch mode
  private final boolean styled;
  private final boolean errStyled; // errors in red only when they go to the terminal too
  private final boolean stdoutIsTerminal;
  // Content is printed exactly, so it may leave a line open; the next output closes it first.
  private boolean outAtLineStart = true;

  private Console(PrintWriter out, PrintWriter err, OutputStream raw, Terminal terminal, boolean stdoutIsTerminal, boolean noColor) {
    this.out = out;
    this.err = err;
    this.raw = raw;
    this.terminal = terminal;
    this.styled = terminal != null && !terminal.getType().startsWith(Terminal.TYPE_DUMB) && !noColor;
    this.errStyled = styled && err == terminal.writer();
    this.stdoutIsTerminal = stdoutIsTerminal;
  }

  /** Plain output for a batch; {@code toTerminal}: stdout is a terminal, where content ends its line and binary is refused. */
  static Console plain(PrintWriter out, PrintWriter err, OutputStream raw, boolean toTerminal) {
    return new Console(out, err, toTerminal ? null : raw, null, toTerminal, true);
  }

  /** Everything to the terminal, styled when it can show styles and NO_COLOR is not set. */
  static Console on(Terminal terminal, boolean noColor) {
    return on(terminal, noColor, terminal.writer());
  }

  /** Results to the terminal, errors to {@code err} (stderr, for a command typed at a shell: 2> still works). */
  static Console on(Terminal terminal, boolean noColor, PrintWriter err) {
    return new Console(terminal.writer(), err, null, terminal, true, noColor);
  }

  void println(String line) {
    openLine();
    out.println(line);
  }

  void println(AttributedString line) {
    openLine();
    out.println(styled ? line.toAnsi(terminal) : line.toString());
  }

  /** One JSON object on a line of its own. */
  void json(Map<String, ?> object) {
    println(Json.line(object));
  }

  /** Content exactly as stored; on a terminal, followed by a newline if it lacks one. */
  void content(String text) {
    openLine();
    out.print(text);
    outAtLineStart = text.isEmpty() || text.endsWith("\n");
    if (!outAtLineStart && stdoutIsTerminal) {
      out.println();
      outAtLineStart = true;
    }
  }

  /** Where bytes go when stdout is no terminal (a pipe, a file); null on a terminal. */
  OutputStream raw() {
    if (raw == null) {
      return null;
    }
    openLine();
    out.flush();
    return new FilterOutputStream(raw) {
      @Override
      public void write(int b) throws IOException {
        raw.write(b);
        outAtLineStart = b == '\n';
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        raw.write(bytes, offset, length);
        if (length > 0) {
          outAtLineStart = bytes[offset + length - 1] == '\n';
        }
      }

      @Override
      public void close() throws IOException {
        raw.flush(); // stdout stays open
      }
    };
  }

  /**
   * One error line: {@code where} is empty at the prompt, {@code demo.stork:4: } in a batch; as a
   * JSON object when the command asked for JSON.
   */
  void error(String where, ErrorKind kind, String message, boolean json) {
    openLine(); // with 2>&1 the error must not stick to the end of printed content
    out.flush(); // keeps the order of results and errors when both go to one file
    String line;
    if (json) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("error", message);
      error.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
      error.put("exit", ExitCode.of(kind));
      if (!where.isEmpty()) {
        error.put("at", where.substring(0, where.length() - 2)); // "demo.stork:4: " -> "demo.stork:4"
      }
      line = Json.line(error);
    } else {
      line = where + "error: " + message;
    }
    err.println(errStyled && !json ? new AttributedString(line, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).toAnsi(terminal)
        : line);
    err.flush();
  }

  /** A remark beside the results (timing): to stderr, so that stdout holds only results. */
  void remark(String line) {
    out.flush();
    err.println(errStyled ? new AttributedString(line, AttributedStyle.DEFAULT.faint()).toAnsi(terminal) : line);
    err.flush();
  }

  /** A progress bar on a terminal; nothing elsewhere. */
  ProgressBar progress(String label) {
    if (terminal == null) {
      return ProgressBar.silent(label);
    }
    return ProgressBar.on(label, out, () -> width() > 0 ? width() : 80);
  }

  /** The terminal's width in columns, 0 when output goes to no terminal (no line is then cut). */
  int width() {
    return terminal == null ? 0 : Math.max(terminal.getWidth(), 0);
  }

  Terminal terminal() {
    return terminal;
  }

  boolean styled() {
    return styled;
  }

  boolean interactive() {
    return terminal != null;
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
