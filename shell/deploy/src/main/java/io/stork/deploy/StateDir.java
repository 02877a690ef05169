package io.stork.deploy;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What a deployment started: {@code <data-root>/deploy/<id>.state} for every process it started and
 * has not seen stop, with its pid, host and command line. Each file is written whole or not at all
 * (a temporary file renamed over it), so a crash never leaves half a record.
 */
public final class StateDir {
  private static final String SUFFIX = ".state";

  private final Path dir;

  public StateDir(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path file(String id) {
    return dir.resolve(id + SUFFIX);
  }

  public void write(ProcessState state) {
    Properties properties = new Properties();
    properties.setProperty("id", state.id());
    properties.setProperty("pid", Long.toString(state.pid()));
    properties.setProperty("host", state.host());
    properties.setProperty("main-class", state.mainClass());
    properties.setProperty("data-dir", state.dataDir());
    properties.setProperty("command", state.command());
    properties.setProperty("started", state.started().toString());
    Path target = file(state.id());
    try {
      StringWriter text = new StringWriter();
      properties.store(text, "a process started by stork-deploy; stork-undeploy stops it");
      AtomicWrite.write(target, text.toString());
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot record " + state.id() + " (pid " + state.pid() + ") in " + target + ": " + e.getMessage(), e);
    }
  }

  public Optional<ProcessState> read(String id) {
    Path file = file(id);
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
      return Optional.of(new ProcessState(required(properties, "id"), Long.parseLong(required(properties, "pid")),
          required(properties, "host"), required(properties, "main-class"), required(properties, "data-dir"),
          required(properties, "command"), Instant.parse(required(properties, "started"))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new StorkException(ErrorKind.IO, file + " is unreadable (" + e + "): check by hand that " + id + " is stopped, then remove it", e);
    }
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("no " + key);
    }
    return value;
  }

  /** The ids of every process recorded, sorted. */
  public List<String> ids() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> ids = new ArrayList<>();
      files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SUFFIX) && !n.startsWith(".")).sorted()
          .forEach(n -> ids.add(n.substring(0, n.length() - SUFFIX.length())));
      return ids;
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot read the deployment state in " + dir + ": " + e.getMessage(), e);
    }
  }

  public void remove(String id) {
    try {
      Files.deleteIfExists(file(id));
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot remove " + file(id) + ": " + e.getMessage(), e);
    }
  }

  /** Removes the state directory itself once no process is recorded in it. */
  public void removeIfEmpty() {
    try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
      if (Files.isDirectory(dir) && files.findAny().isEmpty()) {
        Files.delete(dir);
      }
    } catch (IOException e) {
      // left in place: harmless, and the next deploy uses it
    }
  }
}
