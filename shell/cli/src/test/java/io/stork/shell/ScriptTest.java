package io.stork.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher, scripts/stork, run as a script would run it (on this test's classpath, through
 * STORK_CLASSPATH): one-shot commands, -c, --batch -, and --json read back with a JSON parser.
 */
class ScriptTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private Run stork(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of("../../scripts/stork").toAbsolutePath().normalize().toString(),
        "--data-dir", dir.resolve("data").toString(), "--nodes", "3"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
        .redirectError(dir.resolve("err").toFile());
    builder.environment().put("STORK_CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().remove("NO_COLOR");
    Process process = builder.start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("scripts/stork did not finish: " + command);
    }
    return new Run(process.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
  }

  @Test
  void oneShotCommandsAndJsonThroughTheRealLauncher() throws Exception {
    Run upload = stork("", "--json", "upload", "notes", "two", "words");
    assertEquals("", upload.err());
    assertEquals(0, upload.code());
    JsonNode uploaded = JSON.readTree(upload.out());
    assertEquals("upload", uploaded.get("command").asText());
    assertEquals("notes", uploaded.get("name").asText());
    assertEquals(1, uploaded.get("version").asLong());
    assertEquals(9, uploaded.get("size").asLong());
    assertEquals(64, uploaded.get("sha256").asText().length());

    Run list = stork("", "list", "--json");
    assertEquals(0, list.code(), list.err());
    JsonNode listed = JSON.readTree(list.out());
    assertEquals(3, listed.get("nodes").size());
    assertEquals("notes", listed.get("artifacts").get(0).get("name").asText());
    assertEquals("healthy", listed.get("artifacts").get(0).get("health").asText());
    assertEquals(1, listed.get("summary").get("artifacts").asLong());

    Run get = stork("", "get", "notes", "--out", "-");
    assertEquals("two words", get.out(), "the bytes, exactly, on stdout");
    assertEquals(0, get.code());

    Run missing = stork("", "--json", "get", "nothing");
    assertEquals(3, missing.code(), "not found");
    assertEquals("", missing.out());
    JsonNode error = JSON.readTree(missing.err());
    assertEquals("artifact 'nothing' not found", error.get("error").asText());
    assertEquals("not_found", error.get("kind").asText());
    assertEquals(3, error.get("exit").asInt());

    Run usage = stork("", "--json", "list", "--sort", "colour");
    assertEquals(2, usage.code());
    assertEquals("invalid", JSON.readTree(usage.err()).get("kind").asText());
  }

  @Test
  void commandStringsAndBatchesFromStdinWithOneJsonObjectAResult() throws Exception {
    Run c = stork("", "--json", "-c", "upload a 'x; y'; stat a; status");
    assertEquals("", c.err());
    assertEquals(0, c.code());
    List<String> lines = c.out().lines().toList();
    assertEquals(3, lines.size(), c.out());
    assertEquals("a", JSON.readTree(lines.get(0)).get("name").asText());
    assertEquals(4, JSON.readTree(lines.get(0)).get("size").asLong(), "x; y: the ; inside quotes is content");
    JsonNode stat = JSON.readTree(lines.get(1));
    assertEquals("stat", stat.get("command").asText());
    assertEquals(4, stat.get("size").asLong());
    assertEquals("healthy", stat.get("health").asText());
    JsonNode status = JSON.readTree(lines.get(2));
    assertEquals("healthy", status.get("health").asText());
    assertEquals(3, status.get("nodesUp").asInt());

    Run batch = stork("get a\nlist nothing-here\nget a\n", "--batch", "-");
    assertEquals("x; y\n", batch.out(), "the open line is closed before the error");
    assertEquals("<stdin>:2: error: artifact 'nothing-here' not found\n", batch.err());
    assertEquals(3, batch.code());

    Run both = stork("", "--batch", "-", "list");
    assertEquals(2, both.code());
    assertTrue(both.err().startsWith("stork: give one of --batch FILE, -c 'COMMANDS' and a COMMAND"), both.err());
  }
}
