package io.stork.namenode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.stork.http.HttpSettings;
import io.stork.http.ProcessMetrics;
import io.stork.http.ReadinessCheck;
import io.stork.namenode.journal.MetadataOpener;
import io.stork.protocol.NameNodeProtocol;
import io.stork.runtime.ClusterConfig;
import io.stork.runtime.DataDirLock;
import io.stork.runtime.CommandLines;
import io.stork.runtime.HostPort;
import io.stork.runtime.ProcessFlags;
import io.stork.runtime.ProcessStart;
import io.stork.runtime.Transport;
import io.stork.runtime.data.DataSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/** {@code scripts/stork-namenode}: the name node as its own process, the seed that every other process joins. */
public final class NameNodeMain {
  static final int DEFAULT_PORT = 2551;

  /** The command line, described once: parsing and --help both come from it. */
  @Command(name = "stork-namenode", sortOptions = false, description = "Runs a Stork name node as its own process.")
  static final class Flags {
    @Option(names = "--port", paramLabel = "PORT", description = "port it listens on (default 2551)")
    String port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where its metadata and log live (default ./stork-data/namenode)")
    Path dataDir = Path.of("stork-data", "namenode");

    @Option(names = "--recover-journal", description = "for this start: cut a damaged journal at its first bad record, "
        + "keeping what it cuts in a file beside it (only when the name node refused to start and no backup is better)")
    boolean recoverJournal;

    @Mixin
    ProcessFlags process;
  }
  // Room for a chunk message's envelope within one Artery frame.
  private static final long ENVELOPE_ROOM = 64 << 10;

  private NameNodeMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Flags flags = new Flags();
    Integer done = CommandLines.parse("stork-namenode", flags, args, out, err);
    if (done != null) {
      return done;
    }
    HostPort self;
    Transport transport;
    Config config;
    NameNodeSettings settings;
    HttpSettings http;
    try {
      self = flags.process.self(flags.port, DEFAULT_PORT);
      transport = flags.process.transport();
      config = ClusterConfig.of(ClusterConfig.NAMENODE_ROLE, self, self, transport, flags.process.operatorConfig());
      settings = NameNodeSettings.fromConfig(config, flags.dataDir.toAbsolutePath().normalize());
      requireFits(settings.chunkSize(), "stork.chunk-size", config);
      http = HttpSettings.fromConfig(config).requireKeysForTls(transport.secure());
    } catch (IllegalArgumentException | IllegalStateException | ConfigException e) {
      return CommandLines.refuse("stork-namenode", e.getMessage(), err);
    }
    try (DataDirLock lock = DataDirLock.acquire(settings.dataDir())) {
      ProcessStart.begin(settings.dataDir(), transport, err);
      MetadataOpener.Opened journal = MetadataOpener.open(settings.metadataDirs(), settings.dataDir(), settings.checkpointEntries(),
          flags.recoverJournal || config.getBoolean("stork.namenode.recover-journal"));
      ProcessMetrics metrics = new ProcessMetrics();
      CompletableFuture<ActorRef<NameNodeProtocol.Command>> nameNode = new CompletableFuture<>();
      ActorSystem<Void> system = ActorSystem.create(guardian(settings, journal, new NameNodeMetrics(metrics.registry()),
          ProcessWatcher.over(transport.sockets(), DataSettings.fromConfig(config).connectTimeout()), nameNode),
          ClusterConfig.SYSTEM_NAME, config);
      String web = http.enabled() ? "; dashboard and metrics on " + startHttp(system, nameNode.join(), settings, config, transport,
          metrics) : "";
      out.println("stork-namenode: listening on " + self + " over " + transport.description()
          + web + "; metadata in " + settings.metadataDirs() + ", log in " + settings.dataDir());
      out.println("storage nodes join with --namenode " + self + "; a shell connects with scripts/stork --connect " + self);
      system.getWhenTerminated().toCompletableFuture().join();
      Optional<CoordinatedShutdown.Reason> reason = CoordinatedShutdown.get(system).getShutdownReason();
      if (reason.isPresent() && reason.get() != CoordinatedShutdown.jvmExitReason()) {
        err.println("stork-namenode: stopped (" + reason.get().getClass().getSimpleName().replace("$", "") + "); see "
            + settings.dataDir().resolve("stork.log"));
        return 1;
      }
      return 0;
    } catch (RuntimeException | IOException e) { // the data directory in use, the metadata damaged, the port taken
      err.println("stork-namenode: " + e.getMessage());
      return 1;
    }
  }

  /**
   * A chunk sent as a message (to a node without a data channel) travels whole in one frame of
   * Artery's lane for large messages: refuse a size that would be dropped.
   */
  private static void requireFits(long bytes, String key, Config config) {
    long frame = config.getBytes("pekko.remote.artery.advanced.maximum-large-frame-size");
    if (bytes + ENVELOPE_ROOM > frame) {
      throw new IllegalArgumentException(key + " (" + bytes + " bytes) does not fit in a remote message: raise "
          + "pekko.remote.artery.advanced.maximum-large-frame-size (" + frame + " bytes) to at least " + (bytes + ENVELOPE_ROOM));
    }
  }

  /** The endpoint's URL; a failure to listen stops the actor system too (the process ends with one line). */
  private static String startHttp(ActorSystem<Void> system, ActorRef<NameNodeProtocol.Command> nameNode, NameNodeSettings settings,
                                  Config config, Transport transport, ProcessMetrics metrics) {
    try {
      return NameNodeHttp.start(system, nameNode, settings, config, transport.sslContext(), metrics,
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
  private static Behavior<Void> guardian(NameNodeSettings settings, MetadataOpener.Opened journal, NameNodeMetrics metrics,
                                         ProcessWatcher watcher, CompletableFuture<ActorRef<NameNodeProtocol.Command>> started) {
    return Behaviors.setup(context -> {
      ActorRef<NameNodeProtocol.Command> nameNode = context.spawn(NameNode.create(settings, journal, metrics, watcher), "namenode");
      started.complete(nameNode);
      context.watch(nameNode);
      return Behaviors.receive(Void.class)
          .onSignal(Terminated.class, terminated -> Behaviors.stopped())
          .build();
    });
  }
}
