package io.stork.namenode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.stork.http.HttpSettings;
import io.stork.http.ProcessMetrics;
import io.stork.http.ReadinessCheck;
import io.stork.namenode.journal.JournalFile;
import io.stork.protocol.NameNodeProtocol;
import io.stork.runtime.ClusterConfig;
import io.stork.runtime.DataDirLock;
import io.stork.runtime.ProcessArgs;
import io.stork.runtime.ProcessOptions;
import io.stork.runtime.ProcessStart;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/** {@code scripts/stork-namenode}: the name node as its own process, the seed that every other process joins. */
public final class NameNodeMain {
  static final int DEFAULT_PORT = 2551;
  static final String USAGE = """
      usage: stork-namenode [options]
        --host HOST       address it listens on, reachable by every other process (default 127.0.0.1)
        --port PORT       port it listens on (default 2551)
        --data-dir DIR    where its journal lives (default ./stork-data/namenode)
        --keys DIR        the cluster's TLS keys (scripts/stork-keys DIR); the password comes from
                          $STORK_KEYS_PASSWORD or DIR/password (owner-only)
        --insecure        plain TCP instead of TLS: only on a network you trust
        --config FILE     HOCON settings over the defaults (replication, chunk-size, failure detector...)
        --http-port PORT  serve the dashboard, /metrics, /alive and /ready on stork.http.host (default
                          127.0.0.1) at PORT (0: any free port; default: off, or stork.http.port)
      """;
  // Room for a chunk message's envelope within one Artery frame.
  private static final long ENVELOPE_ROOM = 64 << 10;

  private NameNodeMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    ProcessOptions options;
    Config config;
    NameNodeSettings settings;
    HttpSettings http;
    try {
      ProcessArgs parsed = ProcessArgs.parse(args, ProcessOptions.VALUED, Set.of(), ProcessOptions.SWITCHES);
      if (parsed.has("--help")) {
        out.print(USAGE);
        return 0;
      }
      options = ProcessOptions.from(parsed, DEFAULT_PORT, Path.of("stork-data", "namenode"));
      config = ClusterConfig.of(ClusterConfig.NAMENODE_ROLE, options.self(), options.self(), options.transport(),
          options.operatorConfig());
      settings = NameNodeSettings.fromConfig(config, options.dataDir().toAbsolutePath().normalize());
      requireFits(settings.chunkSize(), "stork.chunk-size", config);
      http = HttpSettings.fromConfig(config).requireKeysForTls(options.transport().secure());
    } catch (IllegalArgumentException | IllegalStateException | ConfigException e) {
      return ProcessStart.refuse("stork-namenode", e, err);
    }
    try (DataDirLock lock = DataDirLock.acquire(settings.dataDir())) {
      ProcessStart.begin(settings.dataDir(), options.transport(), err);
      JournalFile.Opened journal = JournalFile.openCompacted(settings.journalPath());
      ProcessMetrics metrics = new ProcessMetrics();
      CompletableFuture<ActorRef<NameNodeProtocol.Command>> nameNode = new CompletableFuture<>();
      ActorSystem<Void> system = ActorSystem.create(guardian(settings, journal, new NameNodeMetrics(metrics.registry()), nameNode),
          ClusterConfig.SYSTEM_NAME, config);
      String web = http.enabled() ? "; dashboard and metrics on " + startHttp(system, nameNode.join(), settings, config, options,
          metrics) : "";
      out.println("stork-namenode: listening on " + options.self() + " over " + options.transport().description()
          + web + "; journal and log in " + settings.dataDir());
      out.println("storage nodes join with --namenode " + options.self() + "; a shell connects with scripts/stork --connect "
          + options.self());
      system.getWhenTerminated().toCompletableFuture().join();
      Optional<CoordinatedShutdown.Reason> reason = CoordinatedShutdown.get(system).getShutdownReason();
      if (reason.isPresent() && reason.get() != CoordinatedShutdown.jvmExitReason()) {
        err.println("stork-namenode: stopped (" + reason.get().getClass().getSimpleName().replace("$", "") + "); see "
            + settings.dataDir().resolve("stork.log"));
        return 1;
      }
      return 0;
    } catch (RuntimeException | IOException e) { // the data directory in use, the journal, the port taken
      err.println("stork-namenode: " + e.getMessage());
      return 1;
    }
  }

  /** A chunk travels whole in one frame of Artery's lane for large messages: refuse a size that would be dropped. */
  private static void requireFits(long bytes, String key, Config config) {
    long frame = config.getBytes("pekko.remote.artery.advanced.maximum-large-frame-size");
    if (bytes + ENVELOPE_ROOM > frame) {
      throw new IllegalArgumentException(key + " (" + bytes + " bytes) does not fit in a remote message: raise "
          + "pekko.remote.artery.advanced.maximum-large-frame-size (" + frame + " bytes) to at least " + (bytes + ENVELOPE_ROOM));
    }
  }

  /** The endpoint's URL; a failure to listen stops the actor system too (the process ends with one line). */
  private static String startHttp(ActorSystem<Void> system, ActorRef<NameNodeProtocol.Command> nameNode, NameNodeSettings settings,
                                  Config config, ProcessOptions options, ProcessMetrics metrics) {
    try {
      return NameNodeHttp.start(system, nameNode, settings, config, options.transport().sslContext(), metrics,
          List.of(joined(system))).url();
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  /** Ready once this process is an Up member of its cluster (it forms it: it is the first seed). */
  private static ReadinessCheck joined(ActorSystem<?> system) {
    return ReadinessCheck.now(() -> {
      MemberStatus status = Cluster.get(system).selfMember().status();
      return status == MemberStatus.up() ? null : "not an Up member of the cluster yet (" + status + ")";
    });
  }

  /** The name node, handed to {@code started}; if it stops (its journal failed to open, say), the process ends. */
  private static Behavior<Void> guardian(NameNodeSettings settings, JournalFile.Opened journal, NameNodeMetrics metrics,
                                         CompletableFuture<ActorRef<NameNodeProtocol.Command>> started) {
    return Behaviors.setup(context -> {
      ActorRef<NameNodeProtocol.Command> nameNode = context.spawn(NameNode.create(settings, journal, metrics), "namenode");
      started.complete(nameNode);
      context.watch(nameNode);
      return Behaviors.receive(Void.class)
          .onSignal(Terminated.class, terminated -> Behaviors.stopped())
          .build();
    });
  }
}
