package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.shell.ShellRunner.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Names of every script round-trip, names that disguise themselves are refused, and batch files are read strictly. */
class NamesAndEncodingTest extends SharedClusterTest {
  private static final String PERSIAN = "می\u200cخواهم"; // "I want": a zero-width non-joiner inside the word
  private static final String FAMILY = "👨\u200d👩\u200d👧"; // an emoji ZWJ sequence

  private static Result stdin(String lines) {
    return ShellRunner.run(environment, lines, "--keep-going");
  }

  @Test
  void zwnjAndZwjNamesRoundTrip() {
    Result r = stdin("upload " + PERSIAN + " salaam\nupload docs/" + FAMILY + " family\nget " + PERSIAN + "\nget docs/" + FAMILY
        + "\nlist docs/\n");
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("uploaded '" + PERSIAN + "': version 1, 6 B in 1 chunk\nuploaded 'docs/" + FAMILY
        + "': version 1, 6 B in 1 chunk\nsalaam\nfamily\nARTIFACT"), r.out());
    assertTrue(r.out().contains("\ndocs/" + FAMILY + " "), r.out());
    assertEquals(PERSIAN, cluster.client().names(PERSIAN, 1).get(0), "stored as typed");
  }

  @Test
  void namesAreNormalizedToNfc() {
    Result r = stdin("upload cafe\u0301 decomposed\nget caf\u00e9\nupload caf\u00e9 again\n");
    assertEquals("uploaded 'caf\u00e9': version 1, 10 B in 1 chunk\ndecomposed\n", r.out());
    assertEquals("<stdin>:3: error: artifact 'caf\u00e9' already exists (use update to replace it)\n", r.err(),
        "one name, however it is spelled");
  }

  @Test
  void controlCharactersAndBidiOverridesAreRefusedEachWithItsOwnLine() {
    Result r = stdin("upload \"bell\u0007\" x\nupload invoice\u202egpj.exe x\nupload a\u2066b x\nupload zero\u200bwidth x\n");
    assertEquals(String.join("\n",
        "<stdin>:1: error: artifact name contains a control character (U+0007)",
        "<stdin>:2: error: artifact name contains a bidirectional override or isolate (U+202E), which can make it read as "
            + "another name",
        "<stdin>:3: error: artifact name contains a bidirectional override or isolate (U+2066), which can make it read as "
            + "another name",
        "<stdin>:4: error: artifact name contains an invisible format character (U+200B)", ""), r.err());
    assertEquals(2, r.code());
    assertTrue(cluster.client().names("invoice", 10).isEmpty(), "nothing stored");
  }

  @Test
  void aLeadingByteOrderMarkIsSkipped() throws IOException {
    Path file = dir.resolve("bom.stork");
    Files.write(file, ("\ufeffupload bom-1 with a bom\r\nget bom-1\r\n").getBytes(StandardCharsets.UTF_8));
    Result r = ShellRunner.run(environment, "", "--batch", file.toString());
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertEquals("uploaded 'bom-1': version 1, 10 B in 1 chunk\nwith a bom", r.out());
  }

  @Test
  void aByteOrderMarkBeforeListIsSkipped() throws IOException {
    Path file = Files.write(dir.resolve("bom-list.stork"), "\ufefflist\n".getBytes(StandardCharsets.UTF_8));
    Result r = ShellRunner.run(environment, "", "--batch", file.toString());
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertTrue(r.out().contains("NODE"), r.out());
  }

  /** Three lines, the third with bytes that are not UTF-8 (Latin-1 "é" and a stray 0xff), and a fourth. */
  private static byte[] brokenOnLineThree(String prefix) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(("upload " + prefix + "-1 fine\nupload " + prefix + "-2 fine\nupload " + prefix).getBytes(StandardCharsets.UTF_8));
    bytes.write(new byte[] {(byte) 0xe9, (byte) 0xff});
    bytes.write((" broken\nupload " + prefix + "-4 after\n").getBytes(StandardCharsets.UTF_8));
    return bytes.toByteArray();
  }

  @Test
  void aBatchFileWithInvalidUtf8IsRefusedWholeNamingTheLine() throws IOException {
    Path file = Files.write(dir.resolve("latin1.stork"), brokenOnLineThree("utf"));
    Result r = ShellRunner.run(environment, "", "--batch", file.toString(), "--keep-going");
    assertEquals(file + ":3: error: not valid UTF-8 (byte 0xe9 at column 11); save the file as UTF-8; nothing in the file "
        + "was run\n", r.err());
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals(java.util.List.of(), cluster.client().names("utf", 10), "not the lines before it, no name with U+FFFD, nothing after");
  }

  @Test
  void aSourcedFileWithInvalidUtf8IsRefusedWholeToo() throws IOException {
    Path file = Files.write(dir.resolve("sourced-latin1.stork"), brokenOnLineThree("src"));
    Result r = stdin("source " + file + "\nupload src-next x\n");
    assertEquals(file + ":3: error: not valid UTF-8 (byte 0xe9 at column 11); save the file as UTF-8; nothing in the file "
        + "was run\n", r.err());
    assertEquals(2, r.code());
    assertEquals(java.util.List.of("src-next"), cluster.client().names("src", 10), "the sourced file ran nothing; keep-going went on");
  }

  @Test
  void onStdinTheLinesBeforeABrokenOneHaveRunAndNoneAfter() throws IOException {
    Result r = ShellRunner.runBytes(environment, brokenOnLineThree("pipe"), "--keep-going");
    assertEquals("<stdin>:3: error: not valid UTF-8 (byte 0xe9 at column 12); save the file as UTF-8\n", r.err());
    assertEquals(2, r.code());
    assertEquals(java.util.List.of("pipe-1", "pipe-2"), cluster.client().names("pipe", 10),
        "a stream cannot be read ahead: what came before ran, nothing after, even with --keep-going");
  }

  @Test
  void aFifoWorksAsABatch() throws Exception {
    Path fifo = dir.resolve("batch.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Thread writer = new Thread(() -> {
      try {
        Files.writeString(fifo, "upload fifo-1 through a pipe\nget fifo-1\n");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    Result r = ShellRunner.run(environment, "", "--batch", fifo.toString());
    writer.join();
    assertEquals("", r.err());
    assertEquals("uploaded 'fifo-1': version 1, 14 B in 1 chunk\nthrough a pipe", r.out());
  }

  @Test
  void theStoresOwnFilesAreOffLimitsToTheRealLauncher() throws IOException {
    Path data = dir.resolve("own-store");
    String journal = data.resolve("namenode").resolve("journal.log").toString();
    Result first = ShellRunner.runReal("upload a kept\nget a --out " + journal + " --force\n", "--data-dir", data.toString(),
        "--nodes", "3", "--keep-going");
    assertEquals("<stdin>:2: error: " + journal + " is inside the Stork data directory " + data.toAbsolutePath()
        + ", whose files are the store's own: write it elsewhere\n", first.err());
    assertEquals(2, first.code());
    Result second = ShellRunner.runReal("get a\n", "--data-dir", data.toString(), "--nodes", "3");
    assertEquals("kept", second.out(), "the journal is intact: the artifact is still there after a restart");
  }
}
