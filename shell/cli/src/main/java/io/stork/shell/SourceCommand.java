package io.stork.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "source", header = "run the commands of a file", customSynopsis = "source FILE",
    description = "Runs FILE as a batch: one command per line, blank lines and # comments skipped. FILE is checked first: if "
        + "a line is not valid UTF-8, nothing of it runs. Stops at the first failure (unless the shell was started with "
        + "--keep-going).")
final class SourceCommand implements ShellCommand {
  @Parameters(index = "0", paramLabel = "FILE", description = "the batch file", completionCandidates = FilePaths.class)
  String file;

  @Mixin
  Common common;

  @Override
  public void run(Session session, Output out) {
    int status = session.shell().source(file);
    if (status != ExitCode.OK) {
      throw new Shell.AlreadyReported(status);
    }
  }
}
