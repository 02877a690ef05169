package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --connect} with {@code --spec}: the spec must describe the cluster the shell connects to. */
class ConnectSpecTest {
  @TempDir Path dir;

  @Test
  void theShellRefusesASpecOfAnotherClusterBeforeConnecting() throws IOException {
    Path spec = Files.writeString(dir.resolve("local.conf"), """
        namenode { host = 127.0.0.1, port = 2551 }
        insecure = true
        data-root = data
        storage-nodes = [ { id = sn-1, host = 127.0.0.2 } ]
        """);
    Path batch = Files.writeString(dir.resolve("list.stork"), "list\n");
    String[] args = {"--connect", "127.0.0.1:1", "--insecure", "--spec", spec.toString(), "--batch", batch.toString(),
        "--data-dir", dir.resolve("shell").toString()};
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = StorkMain.run(args, InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code, "the spec does not fit the command line: a usage error");
    assertEquals("stork: --spec " + spec + " deploys its name node at 127.0.0.1:2551, not at 127.0.0.1:1 (--connect)\n",
        err.toString(StandardCharsets.UTF_8));
  }
}
