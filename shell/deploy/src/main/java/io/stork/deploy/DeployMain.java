package io.stork.deploy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.stork.protocol.StorkException;
import io.stork.runtime.CommandLines;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scripts/stork-deploy SPEC} and {@code scripts/stork-undeploy SPEC}: the first argument says
 * which. Exit status 0 on success, 1 when it failed, 2 for bad arguments or a bad spec.
 */
public final class DeployMain {
  /** What both programs take: the spec, and how long to wait. */
  abstract static class Flags {
    @Option(names = "--timeout", paramLabel = "DURATION", order = 2, description = "how long to wait for every node to join "
        + "(deploy, default 120s), or for a process to stop after SIGTERM (undeploy, default 20s)")
    String timeout;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help", order = 3)
    boolean help;

    @Parameters(paramLabel = "SPEC", description = "the cluster spec (scripts/examples/local-cluster.conf shows the format)")
    Path spec;
  }

  @Command(name = "stork-deploy", synopsisHeading = "usage: ", descriptionHeading = "%n", optionListHeading = "%n", description = {
      "Starts the Stork cluster that SPEC describes: the name node, then every storage node, each in the background with "
          + "its output in <data-root>/<id>/process.out; waits until every storage node has joined, and prints the command "
          + "that connects a shell to it. Hosts other than this one are reached with ssh.",
      "",
      "A spec is deployed once: while a process it started still runs, a second deploy is refused (stop it first with "
          + "stork-undeploy). If the deploy fails on the way, what it started is stopped. When the spec's keys directory "
          + "does not exist, new keys are made there (scripts/stork-keys)."})
  static final class DeployFlags extends Flags {
    @Option(names = "--dry-run", description = "print what would be run on every host, run nothing", order = 1)
    boolean dryRun;
  }

  @Command(name = "stork-undeploy", synopsisHeading = "usage: ", descriptionHeading = "%n", optionListHeading = "%n", description = {
      "Stops every process that stork-deploy started from SPEC (recorded in <data-root>/deploy): SIGTERM, then SIGKILL if "
          + "it still runs after the timeout. A recorded pid is signalled only while it is still that process. The data "
          + "stays, and the next deploy finds it, unless --purge."})
  static final class UndeployFlags extends Flags {
    @Option(names = "--purge", description = "then delete every process's data directory (<data-root>/<id>), on every host",
        order = 1)
    boolean purge;
  }

  private DeployMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    boolean deploy = args.length > 0 && args[0].equals("deploy");
    if (args.length == 0 || !(deploy || args[0].equals("undeploy"))) {
      err.println("DeployMain: the first argument is deploy or undeploy");
      return 2;
    }
    String name = deploy ? "stork-deploy" : "stork-undeploy";
    String[] rest = List.of(args).subList(1, args.length).toArray(String[]::new);
    Duration defaultTimeout = deploy ? Deployer.DEFAULT_TIMEOUT : Undeployer.DEFAULT_TIMEOUT;
    Flags flags = deploy ? new DeployFlags() : new UndeployFlags();
    Integer done = CommandLines.parse(name, flags, rest, out, err);
    if (done != null) {
      return done;
    }
    boolean dryRun = flags instanceof DeployFlags d && d.dryRun;
    ClusterSpec spec;
    Duration timeout;
    try {
      timeout = flags.timeout == null ? defaultTimeout : duration(flags.timeout);
      spec = SpecParser.parse(flags.spec);
    } catch (IllegalArgumentException | SpecException e) {
      return CommandLines.refuse(name, e.getMessage(), err);
    }
    if (deploy && !dryRun) {
      // The log of this process (Pekko's, while it watches the nodes join): <data-root>/stork.log.
      System.setProperty("stork.log.dir", spec.dataRoot().toString());
      LoggerFactory.getILoggerFactory();
    }
    try {
      Deployment deployment = Deployment.of(spec);
      if (!deploy) {
        return new Undeployer(deployment, out, timeout).undeploy(((UndeployFlags) flags).purge) ? 0 : 1;
      }
      Deployer deployer = new Deployer(deployment, out, timeout, deployment.storkHome());
      if (dryRun) {
        deployer.dryRun();
      } else {
        deployer.deploy();
      }
      return 0;
    } catch (StorkException e) {
      err.println(name + ": " + e.getMessage());
      return 1;
    }
  }

  private static Duration duration(String text) {
    try {
      Duration duration = ConfigFactory.parseMap(Map.of("d", text)).getDuration("d");
      if (!duration.isNegative() && !duration.isZero()) {
        return duration;
      }
    } catch (ConfigException e) {
      // said below
    }
    throw new IllegalArgumentException("invalid --timeout '" + text + "': a duration such as 90s or 2m");
  }
}
