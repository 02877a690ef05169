package io.stork.deploy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.stork.protocol.StorkException;
import io.stork.runtime.ProcessArgs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/stork-deploy SPEC} and {@code scripts/stork-undeploy SPEC}: the first argument says
 * which. Exit status 0 on success, 1 when it failed, 2 for bad arguments or a bad spec.
 */
public final class DeployMain {
  /** Set by the scripts: the Stork checkout they belong to. */
  static final String STORK_HOME_ENV = "STORK_HOME";
  static final String DEPLOY_USAGE = """
      usage: stork-deploy [--dry-run] [--timeout DURATION] SPEC
      Starts the Stork cluster that SPEC describes (scripts/examples/local-cluster.conf shows the format):
      the name node, then every storage node, each in the background with its output in
      <data-root>/<id>/process.out; waits until every storage node has joined, and prints the command that
      connects a shell to it. Hosts other than this one are reached with ssh.

      A spec is deployed once: while a process it started still runs, a second deploy is refused
      (stop it first with stork-undeploy). If the deploy fails on the way, what it started is stopped.
      When the spec's keys directory does not exist, new keys are made there (scripts/stork-keys).

        --dry-run            print what would be run on every host, run nothing
        --timeout DURATION   how long to wait for every node to join (default 120s)
        -h, --help           this help
      """;
  static final String UNDEPLOY_USAGE = """
      usage: stork-undeploy [--purge] [--timeout DURATION] SPEC
      Stops every process that stork-deploy started from SPEC (recorded in <data-root>/deploy): SIGTERM,
      then SIGKILL if it still runs after the timeout. A recorded pid is signalled only while it is still
      that process. The data stays, and the next deploy finds it, unless --purge.

        --purge              then delete every process's data directory (<data-root>/<id>), on every host
        --timeout DURATION   how long a process may take to stop after SIGTERM (default 20s)
        -h, --help           this help
      """;

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
    ClusterSpec spec;
    Duration timeout;
    ProcessArgs parsed;
    try {
      Words words = Words.of(rest);
      parsed = ProcessArgs.parse(words.flags(), Set.of("--timeout"), Set.of(),
          deploy ? Set.of("--dry-run", "--help", "-h") : Set.of("--purge", "--help", "-h"));
      if (parsed.has("--help") || parsed.has("-h")) {
        out.print(deploy ? DEPLOY_USAGE : UNDEPLOY_USAGE);
        return 0;
      }
      timeout = parsed.value("--timeout").map(DeployMain::duration).orElse(deploy ? Deployer.DEFAULT_TIMEOUT
          : Undeployer.DEFAULT_TIMEOUT);
      if (words.spec() == null) {
        throw new IllegalArgumentException("SPEC is missing");
      }
      spec = SpecParser.parse(words.spec());
    } catch (IllegalArgumentException | SpecException e) {
      err.println(name + ": " + e.getMessage());
      err.println("(" + name + " --help shows the options)");
      return 2;
    }
    if (deploy && !parsed.has("--dry-run")) {
      // The log of this process (Pekko's, while it watches the nodes join): <data-root>/stork.log.
      System.setProperty("stork.log.dir", spec.dataRoot().toString());
      LoggerFactory.getILoggerFactory();
    }
    String home = System.getenv(STORK_HOME_ENV);
    try {
      Deployment deployment = Deployment.of(spec);
      if (!deploy) {
        return new Undeployer(deployment, out, timeout).undeploy(parsed.has("--purge")) ? 0 : 1;
      }
      Deployer deployer = new Deployer(deployment, out, timeout, home == null ? null : Path.of(home));
      if (parsed.has("--dry-run")) {
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

  /** The flags, and the one argument that is not a flag: the spec. */
  private record Words(String[] flags, Path spec) {
    static Words of(String[] args) {
      List<String> flags = new ArrayList<>();
      List<String> specs = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        if (args[i].startsWith("-")) {
          flags.add(args[i]);
          if (args[i].equals("--timeout") && i + 1 < args.length) {
            flags.add(args[++i]);
          }
        } else {
          specs.add(args[i]);
        }
      }
      if (specs.size() > 1) {
        throw new IllegalArgumentException("one SPEC only, not " + String.join(" ", specs));
      }
      return new Words(flags.toArray(String[]::new), specs.isEmpty() ? null : Path.of(specs.get(0)));
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
