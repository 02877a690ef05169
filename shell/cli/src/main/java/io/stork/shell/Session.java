package io.stork.shell;

import io.stork.client.StorkClient;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a command runs with: the cluster, the console, the shell that runs it (for source and
 * exit), and the settings a session changes as it goes (timing).
 */
final class Session {
  private final Backend backend;
  private final Console console;
  private final Shell shell;
  private final boolean jsonByDefault;
  private final Supplier<List<String>> history;
  private volatile boolean timing;

  /** {@code history} gives the lines typed at the prompt, oldest first (empty off a prompt). */
  Session(Backend backend, Console console, Shell shell, boolean jsonByDefault, Supplier<List<String>> history) {
    this.backend = backend;
    this.console = console;
    this.shell = shell;
    this.jsonByDefault = jsonByDefault;
    this.history = history;
  }

  Backend backend() {
    return backend;
  }

  StorkClient client() {
    return backend.client();
  }

  Console console() {
    return console;
  }

  Shell shell() {
    return shell;
  }

  /** Whether every command prints JSON (the launcher's --json), given --json or not. */
  boolean jsonByDefault() {
    return jsonByDefault;
  }

  List<String> history() {
    return history.get();
  }

  boolean timing() {
    return timing;
  }

  void timing(boolean on) {
    timing = on;
  }
}
