package io.stork.shell;

import io.stork.protocol.ErrorKind;
import io.stork.deploy.DeployedLauncher;
import io.stork.protocol.StorkException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * What {@link StorkMain#run} takes from the world around it: the terminal of the prompt, the
 * cluster, whether stdout is a terminal, and whether NO_COLOR asks for no colours. Tests pass their
 * own (a test terminal, one cluster shared by many runs).
 */
record Environment(TerminalSource terminal, Function<LaunchOptions, Backend> cluster, boolean stdoutIsTerminal,
                   boolean noColor) {

  interface TerminalSource {
    /** The terminal for the prompt, or null when commands come from stdin as a batch. */
    Terminal open() throws IOException;
  }

  Environment(TerminalSource terminal, Function<LaunchOptions, Backend> cluster, boolean stdoutIsTerminal) {
    this(terminal, cluster, stdoutIsTerminal, false);
  }

  /**
   * The real world: a prompt only when {@code in} is this process's stdin and it is a terminal
   * (Java 17's System.console() says whether stdin and stdout are). Piped commands are a batch.
   */
  static Environment system(InputStream in, OutputStream out) {
    boolean ttys = System.console() != null;
    String noColor = System.getenv("NO_COLOR");
    return new Environment(ttys && in == System.in ? Environment::systemTerminal : () -> null, Environment::startBackend,
        out == System.out && (ttys || stdoutIsATerminal()), noColor != null && !noColor.isEmpty());
  }

  /** Whether this process's stdout is a terminal, when stdin is not (printf list | stork). */
  private static boolean stdoutIsATerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * An embedded cluster, or, with --connect, the shell's way into a cluster running elsewhere; with
   * --spec too, the deployment it came from, so that chaos can restart its nodes.
   */
  static Backend startBackend(LaunchOptions options) {
    if (options.remote() == null) {
      return EmbeddedBackend.start(options);
    }
    return RemoteBackend.start(options, options.remote().spec() == null ? null : launcher(options.remote()));
  }

  private static DeployedLauncher launcher(LaunchOptions.Remote remote) {
    DeployedLauncher launcher = DeployedLauncher.load(remote.spec());
    if (!launcher.spec().nameNode().equals(remote.nameNode())) {
      throw new StorkException(ErrorKind.INVALID, "--spec " + remote.spec() + " deploys its name node at " + launcher.spec().nameNode()
          + ", not at " + remote.nameNode() + " (--connect)");
    }
    return launcher;
  }

  private static Terminal systemTerminal() throws IOException {
    // dumb(true): should the tty check and the terminal disagree, a dumb terminal still works.
    return TerminalBuilder.builder().system(true).dumb(true).encoding(StandardCharsets.UTF_8).build();
  }
}
