package io.stork.shell;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jline.terminal.Size;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prompt, driven through a JLine terminal over in-memory streams: keys are typed once the
 * screen shows what a person would wait for (typed all at once, they would reach the terminal
 * before the line reader is listening).
 */
class InteractiveTest {
  @TempDir
  Path dir;
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private PipedOutputStream keys;

  @AfterEach
  void forgetHistoryFile() {
    System.clearProperty(StorkMain.HISTORY_PROPERTY);
  }

  private String shown() {
    return AttributedString.stripAnsi(screen.toString(UTF_8));
  }

  private void type(String text, String thenShown) throws IOException {
    keys.write(text.getBytes(UTF_8));
    keys.flush();
    await().atMost(Duration.ofSeconds(20)).until(() -> shown().contains(thenShown));
  }

  @Test
  void tabCompletesNamesHistoryIsKeptAndCtrlDLeaves() throws Exception {
    Path history = dir.resolve("history");
    System.setProperty(StorkMain.HISTORY_PROPERTY, history.toString());
    try (LocalCluster cluster = ShellRunner.startCluster(dir.resolve("data"))) {
      cluster.client().upload("hello-world", "hi  there".getBytes(UTF_8));
      PipedInputStream keyboard = new PipedInputStream(4096);
      keys = new PipedOutputStream(keyboard);
      Environment environment = ShellRunner.sharing(cluster, () -> TerminalBuilder.builder()
          .system(false).streams(keyboard, screen).type("xterm").size(new Size(100, 30)).encoding(UTF_8).build());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream outStream = new PrintStream(out, true, UTF_8);
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
          () -> StorkMain.run(new String[0], keyboard, outStream, outStream, environment));
      await().atMost(Duration.ofSeconds(20)).until(() -> shown().contains("stork> "));

      type("get hel\t", "get hello-world");                        // Tab completes the only name
      type("\r", "hi  there");
      type("upload other \"a  b\" !x\r", "uploaded 'other'");       // ! is no history expansion
      type("lst\r", "error: unknown command 'lst'; did you mean 'list'?");
      type("history\r", "    3  lst");                                // what was typed, numbered
      assertTrue(shown().contains("    1  get hello-world"), shown());
      type("chaos monkey --\t", "--max-down");                         // only the monkey's own flags
      assertFalse(shown().contains("--count"), shown());
      keys.write(new byte[] {21}); // Ctrl-U: the line is dropped
      type("\r", "stork> ");
      keys.write(4);                                                   // Ctrl-D on an empty line
      keys.flush();

      assertEquals(0, exit.get(20, java.util.concurrent.TimeUnit.SECONDS));
      assertFalse(shown().contains("not found"), shown());
      assertEquals("", out.toString(UTF_8), "everything goes to the terminal");
      assertEquals("a  b !x", new String(cluster.client().getBytes("other"), UTF_8));
      String saved = Files.readString(history);
      assertTrue(saved.contains("get hello-world\n"), saved);
      assertTrue(saved.contains("upload other \"a  b\" !x\n"), saved);
      assertTrue(saved.contains("lst\n"), saved);
    }
  }
}
