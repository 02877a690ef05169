package io.stork.shell;

import io.stork.shell.ShellRunner.Result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real StorkMain.run, with clusters of its own: flags, exit codes, restarts. */
class LauncherTest {
  @TempDir
  Path dir;

  @Test
  void usageErrorsExitWith2BeforeAnyClusterStarts() throws Exception {
    Path data = dir.resolve("data");
    Path aFile = Files.writeString(dir.resolve("a-file"), "x");
    List<List<String>> cases = List.of(
        List.of("--bogus"),
        List.of("--nodes", "2"),
        List.of("--replication", "6"),
        List.of("--chunk-size", "4MB"),
        List.of("--connect", "localhost:2552"),
        List.of("--batch", dir.resolve("missing.stork").toString()),
        List.of("--batch", dir.toString()),
        List.of("--data-dir", aFile.toString()));
    for (List<String> flags : cases) {
      List<String> args = new java.util.ArrayList<>(List.of("--data-dir", data.toString()));
      args.addAll(flags);
      Result r = ShellRunner.runReal("list\n", args.toArray(String[]::new));
      assertEquals(2, r.code(), flags.toString());
      assertEquals("", r.out(), flags.toString());
      assertEquals(2, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("stork: "), r.err());
      assertTrue(r.err().endsWith("\nTry 'stork --help' for more information.\n"), r.err());
    }
    assertFalse(Files.exists(data), "no cluster was started");
    assertEquals("stork: --connect needs --keys DIR (the cluster's TLS keys, made by scripts/stork-keys) or --insecure\n"
        + "Try 'stork --help' for more information.\n", ShellRunner.runReal("", "--connect", "h:1").err());
  }

  @Test
  void helpAndVersion() {
    Result help = ShellRunner.runReal("", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().startsWith("Usage: stork [OPTIONS] [COMMAND [ARGS...]]\n"), help.out());
    Result version = ShellRunner.runReal("", "--version");
    assertEquals(0, version.code());
    assertTrue(version.out().matches("stork \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), version.out());
  }

  @Test
  void aRestartFindsEveryArtifactAndALockedDataDirectoryIsRefused() throws Exception {
    String data = dir.resolve("data").toString();
    String[] flags = {"--data-dir", data, "--nodes", "3", "--chunk-size", "64KiB"};
    byte[] bytes = new byte[200_000];
    new Random(3).nextBytes(bytes);
    Path in = Files.write(dir.resolve("in.bin"), bytes);
    Path out = dir.resolve("out.bin");

    Result first = ShellRunner.runReal("upload kept-1 still here\nupload kept-2 --file " + in + "\n", flags);
    assertEquals("", first.err());
    assertEquals(0, first.code());

    Result second = ShellRunner.runReal("get kept-1\nget kept-2 --out " + out + "\nlist\n", flags);
    assertEquals("", second.err());
    assertEquals(0, second.code());
    assertTrue(second.out().startsWith("still here\nwrote 'kept-2' to " + out), second.out());
    assertTrue(second.out().contains("3 of 3 nodes up; 2 artifacts, 195 KiB; replication 3, chunk size 64 KiB\n"), second.out());
    assertArrayEquals(bytes, Files.readAllBytes(out));

    LaunchOptions options = LaunchOptions.parse(flags);
    try (Backend running = EmbeddedBackend.start(options)) {
      Result refused = ShellRunner.runReal("list\n", flags);
      assertEquals(5, refused.code(), "a conflict");
      assertEquals("stork: the data directory " + dir.resolve("data") + " is in use by another stork process\n", refused.err());
      assertEquals("still here", new String(running.client().getBytes("kept-1"), java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
