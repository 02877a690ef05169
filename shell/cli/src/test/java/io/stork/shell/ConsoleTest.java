package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Console console = Console.plain(new PrintWriter(out), new PrintWriter(err), null, false);

  @Test
  void contentIsExactButTheNextOutputStartsOnItsOwnLine() {
    console.content("no newline");
    console.flush();
    assertEquals("no newline", out.toString());
    console.println("next");
    console.content("with newline\n");
    console.println("last");
    console.flush();
    assertEquals("no newline\nnext\nwith newline\nlast\n", out.toString());
  }

  @Test
  void onATerminalContentEndsItsLine() {
    Console terminal = Console.plain(new PrintWriter(out), new PrintWriter(err), null, true);
    terminal.content("no newline");
    terminal.flush();
    assertEquals("no newline\n", out.toString());
  }

  @Test
  void plainOutputHasNoEscapeCodes() {
    console.println(new AttributedString("red", AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)));
    console.error("demo.stork:4: ", io.stork.protocol.ErrorKind.NOT_FOUND, "artifact 'x' not found", false);
    console.flush();
    assertEquals("red\n", out.toString());
    assertEquals("demo.stork:4: error: artifact 'x' not found\n", err.toString());
  }

  @Test
  void errorsAsJsonCarryTheirKindAndExitStatus() {
    console.error("demo.stork:4: ", io.stork.protocol.ErrorKind.NOT_FOUND, "artifact 'x' not found", true);
    console.flush();
    assertEquals("{\"error\":\"artifact 'x' not found\",\"kind\":\"not_found\",\"exit\":3,\"at\":\"demo.stork:4\"}\n",
        err.toString());
  }
}
