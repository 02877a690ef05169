package io.stork.storagenode.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stork.runtime.DataDirLock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A storage node process refuses a bad command line up front: exit 2, one clear line, nothing on disk. */
class StorageNodeMainTest {
  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = StorageNodeMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String refusal(String... args) throws InterruptedException {
    List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
    all.addAll(List.of(args));
    Run run = run(all.toArray(String[]::new));
    assertEquals(2, run.code(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().endsWith("\n(stork-storagenode --help shows the options)\n"), run.err());
    assertFalse(Files.exists(dir.resolve("data")), "nothing made on disk");
    return run.err().lines().findFirst().orElseThrow();
  }

  @Test
  void everyBadArgumentIsNamed() throws Exception {
    assertEquals("stork-storagenode: --namenode is required", refusal("--id", "sn-1", "--insecure"));
    assertEquals("stork-storagenode: --id is required", refusal("--namenode", "h:1", "--insecure"));
    assertEquals("stork-storagenode: expected HOST:PORT, got 'nowhere'", refusal("--namenode", "nowhere", "--id", "a", "--insecure"));
    assertEquals("stork-storagenode: invalid port '99999': a number from 0 to 65535",
        refusal("--namenode", "h:99999", "--id", "a", "--insecure"));
    assertTrue(refusal("--namenode", "h:1", "--id", "../etc", "--insecure").startsWith("stork-storagenode: invalid node id"));
    assertEquals("stork-storagenode: invalid --capacity 'lots': a size such as 500MiB or 64GiB",
        refusal("--namenode", "h:1", "--id", "a", "--capacity", "lots", "--insecure"));
    assertEquals("stork-storagenode: --capacity must be positive", refusal("--namenode", "h:1", "--id", "a", "--capacity", "0", "--insecure"));
    assertEquals("stork-storagenode: invalid --reserve '-1': a size such as 500MiB or 64GiB",
        refusal("--namenode", "h:1", "--id", "a", "--reserve", "-1", "--insecure"));
    assertEquals("stork-storagenode: invalid --reserve 'some': a size such as 500MiB or 64GiB",
        refusal("--namenode", "h:1", "--id", "a", "--reserve", "some", "--insecure"));
    assertTrue(refusal("--namenode", "h:1", "--id", "a", "--zone", "a b", "--insecure").startsWith("stork-storagenode: invalid zone"));
    assertTrue(refusal("--namenode", "h:1", "--id", "a", "--capability", "ss/d", "--insecure")
        .startsWith("stork-storagenode: invalid capability"));
    assertEquals("stork-storagenode: --keys DIR is required (make the cluster's keys with scripts/stork-keys DIR), or --insecure for plain TCP",
        refusal("--namenode", "h:1", "--id", "a"));
    assertEquals("stork-storagenode: --keys and --insecure exclude each other",
        refusal("--namenode", "h:1", "--id", "a", "--insecure", "--keys", "k"));
    assertTrue(refusal("--namenode", "h:1", "--id", "a", "--keys", dir.resolve("none").toString())
        .startsWith("stork-storagenode: "), "missing keys are named");
    assertEquals("stork-storagenode: --config " + dir.resolve("none.conf") + ": no such file",
        refusal("--namenode", "h:1", "--id", "a", "--insecure", "--config", dir.resolve("none.conf").toString()));
    assertEquals("stork-storagenode: unknown option '--bogus'", refusal("--bogus"));
    assertEquals("stork-storagenode: --id is given twice", refusal("--id", "a", "--id", "b"));
    assertEquals("stork-storagenode: --port needs a value", refusal("--namenode", "h:1", "--id", "a", "--insecure", "--port"));
  }

  @Test
  void helpShowsEveryOption() throws Exception {
    Run run = run("--help");
    assertEquals(0, run.code());
    for (String option : List.of("--namenode", "--id", "--zone", "--capability", "--capacity", "--reserve", "--host", "--port",
        "--data-port", "--data-dir",
        "--keys", "--insecure", "--config")) {
      assertTrue(run.out().contains(option), option);
    }
  }

  @Test
  void aDataDirectoryInUseIsRefused() throws Exception {
    Path data = dir.resolve("busy");
    try (DataDirLock held = DataDirLock.acquire(data)) {
      Run run = run("--namenode", "127.0.0.1:1", "--id", "a", "--insecure", "--data-dir", data.toString());
      assertEquals(1, run.code());
      assertEquals("stork-storagenode: the data directory " + data.toAbsolutePath() + " is in use by another stork process\n", run.err());
    }
  }

  @Test
  void aDataDirectoryInsideOrAroundOneInUseIsRefused() throws Exception {
    Path store = dir.resolve("D");
    try (DataDirLock held = DataDirLock.acquire(store)) {
      Run inside = run("--namenode", "127.0.0.1:1", "--id", "sn-1", "--insecure", "--data-dir", store.resolve("sn-1").toString());
      assertEquals(1, inside.code());
      assertEquals("stork-storagenode: cannot use the data directory " + store.resolve("sn-1").toAbsolutePath() + ": it is inside "
          + store.toRealPath() + ", the data directory of a running stork process\n", inside.err());
      Run around = run("--namenode", "127.0.0.1:1", "--id", "sn-1", "--insecure", "--data-dir", dir.toString());
      assertEquals(1, around.code());
      assertTrue(around.err().endsWith(": it holds " + store.toRealPath() + ", the data directory of a running stork process\n"),
          around.err());
    }
  }
}
