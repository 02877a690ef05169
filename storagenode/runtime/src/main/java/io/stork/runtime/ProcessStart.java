package io.stork.runtime;

import java.io.PrintStream;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** What every Stork process does on its way up, besides its own work. */
public final class ProcessStart {
  private ProcessStart() {}

  /** Logs go to {@code dataDir}/stork.log from now on; plain TCP is announced loudly. */
  public static void begin(Path dataDir, Transport transport, PrintStream err) {
    System.setProperty("stork.log.dir", dataDir.toString());
    LoggerFactory.getILoggerFactory(); // started here, once: started by several threads at once, SLF4J warns on stderr
    if (!transport.secure()) {
      err.println(Transport.INSECURE_WARNING);
    }
  }
}
