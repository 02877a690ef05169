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
  void noColorMeansNoEscapeCodesEvenOnATerminal() throws Exception {
    java.io.ByteArrayOutputStream screen = new java.io.ByteArrayOutputStream();
    try (org.jline.terminal.Terminal terminal = org.jline.terminal.TerminalBuilder.builder().system(false)
        .streams(java.io.InputStream.nullInputStream(), screen).type("xterm").encoding(java.nio.charset.StandardCharsets.UTF_8)
        .build()) {
      Console plain = Console.on(terminal, true);
      plain.println(new AttributedString("red", AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)));
      plain.error("", io.stork.protocol.ErrorKind.NOT_FOUND, "artifact 'x' not found", false);
      plain.flush();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> screen.toString(java.nio.charset.StandardCharsets.UTF_8).contains("not found"));
      assertEquals("red\nerror: artifact 'x' not found\n", screen.toString(java.nio.charset.StandardCharsets.UTF_8)
          .replace("\r", ""));
      screen.reset();
      Console coloured = Console.on(terminal, false);
      coloured.println(new AttributedString("red", AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)));
      coloured.flush();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)) // the terminal writes on as it will
          .until(() -> screen.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\u001b[31mred"));
    }
  }

  @Test
  void errorsAsJsonCarryTheirKindAndExitStatus() {
    console.error("demo.stork:4: ", io.stork.protocol.ErrorKind.NOT_FOUND, "artifact 'x' not found", true);
    console.flush();
    assertEquals("{\"error\":\"artifact 'x' not found\",\"kind\":\"not_found\",\"exit\":3,\"at\":\"demo.stork:4\"}\n",
        err.toString());
  }
}
