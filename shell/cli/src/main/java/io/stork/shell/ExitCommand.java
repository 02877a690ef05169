package io.stork.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "exit", aliases = "quit", header = "leave the shell (Ctrl-D does too)", customSynopsis = "exit",
    description = "Leaves the shell, stopping the embedded cluster (a cluster joined with --connect runs on). In a batch, "
        + "stops the batch.")
final class ExitCommand implements ShellCommand {
  @Mixin
  Common common;

  @Override
  public void run(Session session, Output out) {
    session.shell().requestExit();
  }
}
