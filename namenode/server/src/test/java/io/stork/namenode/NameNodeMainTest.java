package io.stork.namenode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A name node process refuses a bad command line or configuration up front: exit 2, a clear line, no journal made. */
class NameNodeMainTest {
  @TempDir
  Path dir;

  private String refusal(String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = NameNodeMain.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String errors = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, errors);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertTrue(errors.endsWith("\n(stork-namenode --help shows the options)\n"), errors);
    assertFalse(Files.exists(dir.resolve("data")), "no journal made");
    return errors.lines().findFirst().orElseThrow();
  }

  @Test
  void badArgumentsAreNamed() {
    assertEquals("stork-namenode: unexpected argument 'serve'", refusal("serve"));
    assertEquals("stork-namenode: invalid port 'http': a number from 0 to 65535", refusal("--port", "http", "--insecure"));
    assertEquals("stork-namenode: invalid host 'a b'", refusal("--host", "a b", "--insecure"));
    assertEquals("stork-namenode: --keys DIR is required (make the cluster's keys with scripts/stork-keys DIR), or --insecure for plain TCP",
        refusal());
  }

  @Test
  void aChunkSizeThatWouldNotFitInARemoteMessageIsRefused() throws Exception {
    Path config = Files.writeString(dir.resolve("big-chunks.conf"), "stork.chunk-size = 4 MiB\n");
    assertEquals("stork-namenode: stork.chunk-size (4194304 bytes) does not fit in a remote message: raise "
        + "pekko.remote.artery.advanced.maximum-large-frame-size (2097152 bytes) to at least 4259840",
        refusal("--insecure", "--config", config.toString()));
    Path broken = Files.writeString(dir.resolve("broken.conf"), "stork.replication = {\n");
    assertTrue(refusal("--insecure", "--config", broken.toString()).startsWith("stork-namenode: --config " + broken + ": "));
  }

  /** Damaged metadata: exit 1 with the one line that says where and how to recover, and nothing changed. */
  @Test
  void damagedMetadataRefusesTheStartWithOneLine() throws Exception {
    Path data = dir.resolve("data");
    Path metadata = data.resolve("metadata");
    try (var store = io.stork.namenode.journal.MetadataOpener.open(List.of(metadata), data, 1_000, false).store()) {
      for (int i = 0; i < 3; i++) {
        store.append(List.of(new io.stork.namenode.journal.JournalEntry.Deleted("a-" + i, 1)));
      }
    }
    Path segment = io.stork.namenode.journal.MetadataFiles.segment(metadata, 1);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[30] ^= 1; // the first record's body
    Files.write(segment, bytes);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = NameNodeMain.run(new String[] {"--data-dir", data.toString(), "--insecure", "--port", "0"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String errors = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, errors);
    String line = errors.lines().filter(l -> l.startsWith("stork-namenode: the name node's metadata")).findFirst().orElseThrow();
    assertTrue(line.startsWith("stork-namenode: the name node's metadata is damaged, so it does not start (nothing was changed): "
        + segment + " record 1 at byte 0: its checksum does not match"), line);
    assertTrue(line.contains("start once with --recover-journal"), line);
    assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(segment)), "nothing changed");
  }
}
