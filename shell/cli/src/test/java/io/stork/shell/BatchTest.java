package io.stork.shell;

import io.stork.shell.ShellRunner.Result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Batch files and stdin through StorkMain.run, all against one cluster (each test uses its own names). */
class BatchTest extends SharedClusterTest {
  private static Path batch(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private static Result runBatch(Path file, String... flags) {
    String[] args = new String[flags.length + 2];
    args[0] = "--batch";
    args[1] = file.toString();
    System.arraycopy(flags, 0, args, 2, flags.length);
    return ShellRunner.run(environment, "", args);
  }

  private static Result stdin(String lines) {
    return ShellRunner.run(environment, lines);
  }

  @Test
  void theDemoWalkSucceeds() {
    Result r = runBatch(Path.of("../../scripts/demo.stork"));
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("uploaded 'hello': version 1, 28 B in 1 chunk\nNODE "), r.out());
    assertTrue(r.out().contains("updated 'hello': version 2, 22 B in 1 chunk\n"), r.out());
    assertTrue(r.out().contains("\nHello again, version 2\nhello: version 2, 22 B in 1 chunk, committed "), r.out());
    String afterDelete = r.out().substring(r.out().indexOf("deleted 'hello'\n"));
    assertTrue(afterDelete.contains("\nNODE "), r.out());
    assertFalse(afterDelete.contains("\nhello "), r.out());
    assertFalse(r.out().contains("\u001b["), "no escape codes off a terminal");
  }

  /** A path typed as content is stored as text (that is the syntax), with a hint at --file. */
  @Test
  void aPathTypedAsContentIsTextAndTheShellSaysHowToUploadTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("report.txt"), "the real content");
    Result r = runBatch(batch("path-as-content.stork", "upload p-report " + file, "get p-report"));
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertEquals("uploaded 'p-report': version 1, " + file.toString().length() + " B in 1 chunk\n"
        + "note: the content is the text '" + file + "'; to store that file's bytes: upload p-report --file " + file + "\n"
        + file, r.out());
  }

  @Test
  void contentIsTheRestOfTheLineWithQuotedSpacesKept() throws IOException {
    Result r = runBatch(batch("content.stork",
        "upload c-notes \"two  spaces\" and   one",
        "get c-notes",
        "upload c-empty \"\"",
        "get c-empty",
        "upload c-marks 'it''s' \"say \\\"hi\\\"\" 100% ! #not-a-comment",
        "get c-marks"));
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertEquals("""
        uploaded 'c-notes': version 1, 19 B in 1 chunk
        two  spaces and one
        uploaded 'c-empty': version 1, 0 B in 0 chunks
        uploaded 'c-marks': version 1, 34 B in 1 chunk
        its say "hi" 100% ! #not-a-comment""", r.out()); // printed exactly: no newline added off a terminal
  }

  @Test
  void everyBadInputGetsOneClearLineAndChangesNothing() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("a-folder"));
    Path file = batch("bad.stork",
        "upload bad-1 first",
        "lst",
        "frobnicate",
        "get",
        "delete a b",
        "get bad-1 --verbose",
        "upload bad-2 --file " + dir.resolve("missing.bin"),
        "upload bad-2 --file " + folder,
        "upload ../x content",
        "upload \"\" content",
        "upload bad-2 \"unclosed",
        "upload bad-1 again",
        "get nothing-here",
        "update nothing-here x",
        "delete nothing-here",
        "upload bad-2",
        "upload bad-2 x --file " + dir.resolve("bad.stork"),
        "chaos kil sn-1",
        "source " + dir.resolve("missing.stork"),
        "get bad-1 --out " + folder,
        "get bad-1 --out " + dir.resolve("no/such/dir/f"),
        "list nothing-here",
        "help nosuch");
    Result r = runBatch(file, "--keep-going");
    String at = file + ":";
    assertEquals(String.join("\n",
        at + "2: error: unknown command 'lst'; did you mean 'list'?",
        at + "3: error: unknown command 'frobnicate'; type help to list the commands",
        at + "4: error: get: missing NAME (usage: get NAME [--out PATH|-] [--force])",
        at + "5: error: delete: unexpected argument 'b' (usage: delete NAME)",
        at + "6: error: unknown flag '--verbose' for get; usage: get NAME [--out PATH|-] [--force]",
        at + "7: error: file " + dir.resolve("missing.bin") + " does not exist",
        at + "8: error: " + folder + " is a directory, not a file",
        at + "9: error: artifact name has an empty, '.' or '..' path segment",
        at + "10: error: artifact name is empty",
        at + "11: error: unclosed \" quote (close it, or escape it with \\\")",
        at + "12: error: artifact 'bad-1' already exists (use update to replace it)",
        at + "13: error: artifact 'nothing-here' not found",
        at + "14: error: artifact 'nothing-here' not found",
        at + "15: error: artifact 'nothing-here' not found",
        at + "16: error: upload: missing CONTENT (usage: upload NAME CONTENT... [--require CAP]... | upload NAME --file PATH [--require CAP]...)",
        at + "17: error: upload: give the content on the line or with --file, not both",
        at + "18: error: chaos: unknown action 'kil'; did you mean 'kill'?",
        at + "19: error: file " + dir.resolve("missing.stork") + " does not exist",
        at + "20: error: " + folder + " is a directory",
        at + "21: error: directory " + dir.resolve("no/such/dir") + " does not exist",
        at + "22: error: artifact 'nothing-here' not found",
        at + "23: error: unknown command 'nosuch'; type help to list the commands") + "\n", r.err());
    assertEquals(2, r.code(), "the first failure, a usage error");
    assertEquals("uploaded 'bad-1': version 1, 5 B in 1 chunk\n", r.out());

    Result after = stdin("get bad-1\nlist bad-1\n");
    assertTrue(after.out().startsWith("first\nbad-1: version 1, 5 B in 1 chunk"), after.out());
    Result list = stdin("list\n");
    assertFalse(list.out().contains("bad-2") || list.out().contains("nothing-here") || list.out().contains("../x"), list.out());
  }

  @Test
  void anUnreadableFileIsRefused() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "x");
    Files.setPosixFilePermissions(secret, java.util.Set.of());
    Assumptions.assumeFalse(Files.isReadable(secret), "root reads every file");
    Result r = stdin("upload secret --file " + secret + "\n");
    assertEquals("<stdin>:1: error: file " + secret + " is not readable\n", r.err());
    assertEquals(10, r.code(), "a local file error");
  }

  @Test
  void aBatchStopsAtTheFirstFailure() throws IOException {
    Path file = batch("stop.stork", "# a comment", "", "upload stop-1 a", "get stop-missing", "upload stop-2 b");
    Result r = runBatch(file);
    assertEquals(file + ":4: error: artifact 'stop-missing' not found\n", r.err());
    assertEquals(3, r.code(), "not found");
    assertEquals("uploaded 'stop-1': version 1, 1 B in 1 chunk\n", r.out());
    assertEquals(3, stdin("get stop-2\n").code());
  }

  @Test
  void keepGoingRunsEveryLineAndStillFails() throws IOException {
    Path file = batch("going.stork", "get going-missing", "upload going-1 a", "lst", "upload going-2 b");
    Result r = runBatch(file, "--keep-going");
    assertEquals(3, r.code(), "the first failure's status: not found");
    assertEquals("uploaded 'going-1': version 1, 1 B in 1 chunk\nuploaded 'going-2': version 1, 1 B in 1 chunk\n", r.out());
    assertEquals(2, r.err().lines().count(), r.err());
  }

  @Test
  void stdinIsABatchTooWithItsOwnName() {
    Result ok = stdin("upload in-1 from stdin\n  # indented comment\nget in-1\n");
    assertEquals("", ok.err());
    assertEquals(0, ok.code());
    assertEquals("uploaded 'in-1': version 1, 10 B in 1 chunk\nfrom stdin", ok.out());

    Result failed = stdin("get in-1\nget in-missing\nget in-1\n");
    assertEquals("<stdin>:2: error: artifact 'in-missing' not found\n", failed.err());
    assertEquals(3, failed.code());
    assertEquals("from stdin\n", failed.out()); // the open line is closed before anything else is printed
  }

  @Test
  void exitEndsTheBatch() {
    Result r = stdin("upload exit-1 a\nexit\nupload exit-2 b\n");
    assertEquals(0, r.code());
    assertEquals("uploaded 'exit-1': version 1, 1 B in 1 chunk\n", r.out());
  }

  @Test
  void sourceRunsNestedFilesAndStopsLoops() throws IOException {
    Path inner = batch("inner.stork", "upload src-1 nested", "get src-missing");
    Path outer = batch("outer.stork", "# runs inner", "source " + inner, "upload src-2 never");
    Result r = runBatch(outer);
    assertEquals(inner + ":2: error: artifact 'src-missing' not found\n", r.err());
    assertEquals(3, r.code());
    assertEquals(3, stdin("get src-2\n").code());

    Path loop = dir.resolve("loop.stork");
    Files.writeString(loop, "source " + loop + "\n");
    Result looped = runBatch(loop);
    assertEquals(loop + ":1: error: source is nested 16 deep; does a file source itself?\n", looped.err());
    assertEquals(2, looped.code());

    Path fine = batch("fine.stork", "upload src-3 ok");
    assertEquals(0, stdin("source " + fine + "\nget src-3\n").code());
  }

  @Test
  void unicodeNamesAndContent() throws IOException {
    Path file = batch("unicode.stork",
        "upload 日本語/ファイル \"héllo  wörld 🌍\"",
        "get 日本語/ファイル",
        "list 日本語/ファイル");
    Result r = runBatch(file);
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("uploaded '日本語/ファイル': version 1, 19 B in 1 chunk\nhéllo  wörld 🌍\n"
        + "日本語/ファイル: version 1, 19 B in 1 chunk"), r.out());
    // Aligned in terminal columns: the size ends where the SIZE header ends, though the name is wide.
    List<String> list = stdin("list\n").out().lines().toList();
    String header = list.stream().filter(l -> l.startsWith("ARTIFACT ")).findFirst().orElseThrow();
    String row = list.stream().filter(l -> l.startsWith("日本語/ファイル ")).findFirst().orElseThrow();
    assertEquals(columns(header.substring(0, header.indexOf("SIZE") + 4)), columns(row.substring(0, row.indexOf(" B ") + 2)));
  }

  private static int columns(String text) {
    return new AttributedString(text).columnLength();
  }

  @Test
  void binaryRoundTripThroughFiles() throws IOException {
    byte[] bytes = new byte[300_000]; // 5 chunks of 64 KiB
    new Random(7).nextBytes(bytes);
    bytes[0] = 0; // surely binary
    Path in = Files.write(dir.resolve("in.bin"), bytes);
    Path out = dir.resolve("out.bin");
    Result r = stdin("upload bin-1 --file " + in + "\nget bin-1 --out " + out + "\nlist bin-1\n");
    assertEquals("", r.err());
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("uploaded 'bin-1': version 1, 293 KiB in 5 chunks\nwrote 'bin-1' to " + out
        + ": version 1, 293 KiB in 5 chunks\nbin-1: version 1, 293 KiB in 5 chunks, committed "), r.out());
    assertEquals(5, r.out().lines().filter(l -> l.matches(" +\\d  [0-9a-f]{12} +\\S+ \\S+ +3/3  sn-.*")).count(), r.out());
    assertArrayEquals(bytes, Files.readAllBytes(out));

    Result piped = stdin("get bin-1\n");
    assertEquals("", piped.err());
    assertEquals(0, piped.code());
    assertArrayEquals(bytes, piped.bytes(), "on a pipe, get writes the bytes as they are");
  }

  @Test
  void updateReplacesAndDeleteRemoves() {
    Result r = stdin("upload up-1 one\nupdate up-1 two\nget up-1\ndelete up-1\nget up-1\n");
    assertEquals("uploaded 'up-1': version 1, 3 B in 1 chunk\nupdated 'up-1': version 2, 3 B in 1 chunk\ntwo\ndeleted 'up-1'\n",
        r.out());
    assertEquals("<stdin>:5: error: artifact 'up-1' not found\n", r.err());
  }

  @Test
  void helpListsEveryCommand() {
    Result r = stdin("help\nhelp upload\n");
    assertEquals(0, r.code());
    for (picocli.CommandLine c : Commands.all()) {
      assertTrue(r.out().matches("(?s).*\n" + Commands.path(c) + "[ ,].*  " + java.util.regex.Pattern.quote(Commands.summary(c))
          .replace(" ", "\\E\\s+\\Q") + "\n.*"), Commands.path(c) + " in\n" + r.out());
    }
    r.out().lines().forEach(line -> assertTrue(line.length() <= 80, "help fits 80 columns: " + line));
    assertTrue(r.out().contains("usage: upload NAME CONTENT... [--require CAP]...\n       upload NAME --file PATH [--require CAP]...\n"), r.out());
  }

  @Test
  void controlCharactersInNamesAreRefused() {
    Result r = stdin("upload \"tab\tname\" x\n");
    assertEquals("<stdin>:1: error: artifact name contains a control character (U+0009)\n", r.err());
    assertEquals(2, r.code());
  }
}
