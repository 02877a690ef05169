package io.stork.runtime;

import java.io.PrintStream;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** What every Stork process does on its way up, besides its own work. */
public final class ProcessStart {
  /** The exit status of a bad command line. */
  public static final int USAGE = 2;

  private ProcessStart() {}

  /** A bad command line: one line naming the problem, a pointer to --help; returns the exit status. */
  public static int refuse(String program, Exception problem, PrintStream err) {
    err.println(program + ": " + problem.getMessage());
    err.println("(" + program + " --help shows the options)");
    return USAGE;
  }

  /** Logs go to {@code dataDir}/stork.log from now on; plain TCP is announced loudly. */
  public static void begin(Path dataDir, Transport transport, PrintStream err) {
    System.setProperty("stork.log.dir", dataDir.toString());
    LoggerFactory.getILoggerFactory(); // started here, once: started by several threads at once, SLF4J warns on stderr
    if (!transport.secure()) {
      err.println(Transport.INSECURE_WARNING);
    }
  }
}
