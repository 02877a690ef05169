package io.stork.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real Stork processes for tests: a name node and storage nodes, each its own JVM, started with
 * this module's classpath (without the test classes, so that test-only message types are unknown
 * to them, as to any stranger's). Everything started is killed on {@link #close}, and by a shutdown
 * hook if the test JVM ends first: no process outlives a test run.
 */
public final class StorkProcesses implements AutoCloseable {
  private static final Map<Process, Boolean> EVERY_PROCESS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> EVERY_PROCESS.keySet().forEach(Process::destroyForcibly)));
  }

  private final Path dir;
  private final List<String> transport;
  private final Map<String, Process> running = new ConcurrentHashMap<>();

  /** @param transport {@code --keys DIR} or {@code --insecure}, given to every process */
  public StorkProcesses(Path dir, List<String> transport) {
    this.dir = dir;
    this.transport = List.copyOf(transport);
  }

  /** New cluster keys in {@code dir/name}, made by the real scripts/stork-keys. */
  public static Path makeKeys(Path dir, String name) throws IOException, InterruptedException {
    Path keys = dir.resolve(name);
    Process process = new ProcessBuilder(Path.of("..", "..", "scripts", "stork-keys").toString(), keys.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("scripts/stork-keys failed: " + output);
    }
    return keys;
  }

  /** A port free on {@code host} now (a later bind may still lose a race, which the test would show). */
  public static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Process startNameNode(String host, int port, String... extra) {
    List<String> args = new ArrayList<>(List.of("--host", host, "--port", String.valueOf(port),
        "--data-dir", dataDir("namenode").toString()));
    args.addAll(Arrays.asList(extra));
    return start("namenode", "io.stork.namenode.NameNodeMain", args);
  }

  public Process startStorageNode(String id, String host, String nameNode, String zone, String... extra) {
    List<String> args = new ArrayList<>(List.of("--namenode", nameNode, "--id", id, "--host", host, "--zone", zone,
        "--data-dir", dataDir(id).toString()));
    args.addAll(Arrays.asList(extra));
    return start(id, "io.stork.storagenode.process.StorageNodeMain", args);
  }

  /**
   * A client process of this module's tests: {@code main} from the test classes (with their
   * classpath), with {@code args} and then the transport; its stdin is the returned process's.
   */
  public Process startClient(String id, Class<?> main, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    return start(id, main.getName(), all, true);
  }

  public Path dataDir(String id) {
    return dir.resolve(id);
  }

  /** SIGKILL, as a crash: waits until the process is gone. */
  public void kill(String id) {
    Process process = running.remove(id);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    EVERY_PROCESS.remove(process);
  }

  public Process process(String id) {
    return running.get(id);
  }

  /** What the process of {@code id} printed (its stdout and stderr), for failure messages. */
  public String output(String id) {
    try {
      Path out = dir.resolve(id + ".out");
      return Files.exists(out) ? Files.readString(out) : "";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private Process start(String id, String main, List<String> args) {
    return start(id, main, args, false);
  }

  private Process start(String id, String main, List<String> args, boolean withTestClasses) {
    if (running.containsKey(id)) {
      throw new IllegalStateException(id + " is running");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Small and quick to start: six of these share two cores.
        "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath(withTestClasses), main));
    command.addAll(args);
    command.addAll(transport);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(id + ".out").toFile())).start(); // stdin stays a pipe
      EVERY_PROCESS.put(process, true);
      running.put(id, process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String classpath(boolean withTestClasses) {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> withTestClasses || !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  @Override
  public void close() {
    for (String id : List.copyOf(running.keySet())) {
      kill(id);
    }
  }
}
