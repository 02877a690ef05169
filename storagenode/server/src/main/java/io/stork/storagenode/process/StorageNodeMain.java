package io.stork.storagenode.process;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.stork.faults.FaultPlan;
import io.stork.http.HttpSettings;
import io.stork.http.ProcessMetrics;
import io.stork.protocol.NodeNames;
import io.stork.runtime.ClusterConfig;
import io.stork.runtime.DataDirLock;
import io.stork.runtime.HostPort;
import io.stork.runtime.CommandLines;
import io.stork.runtime.ProcessFlags;
import io.stork.runtime.ProcessStart;
import io.stork.runtime.Transport;
import io.stork.storagenode.StorageNodeMetrics;
import io.stork.storagenode.StorageNodeSettings;
import io.stork.runtime.data.DataSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scripts/stork-storagenode}: one storage node as its own process, joining a name node. */
public final class StorageNodeMain {
  /** The command line, described once: parsing and --help both come from it. */
  @Command(name = "stork-storagenode", sortOptions = false, description = "Runs one Stork storage node as its own process.")
  static final class Flags {
    @Option(names = "--namenode", required = true, paramLabel = "HOST:PORT",
        description = "the name node to join (joining is retried until it answers)")
    String nameNode;

    @Option(names = "--id", required = true, paramLabel = "ID",
        description = "this node's id (letters, digits, '_', '.', '-'), the same on every restart")
    String id;

    @Option(names = "--zone", paramLabel = "ZONE", description = "failure zone (rack, host...): replicas of a chunk go to distinct zones")
    String zone = "";

    @Option(names = "--capability", paramLabel = "CAP", description = "a capability it offers, for upload --require CAP (repeatable)")
    List<String> capabilities = new ArrayList<>();

    @Option(names = "--capacity", paramLabel = "SIZE",
        description = "the most bytes it holds, e.g. 64GiB (default 64 GiB; less if its disk has less room)")
    String capacity;

    @Option(names = "--reserve", paramLabel = "SIZE",
        description = "free space it leaves on its disk for everything else, e.g. 1GiB (default 64 MiB)")
    String reserve;

    @Option(names = "--port", paramLabel = "PORT", description = "port it listens on (default 0: any free port)")
    String port;

    @Option(names = "--data-port", paramLabel = "PORT",
        description = "port its chunk data channel listens on, where chunks arrive (default 0: any free port)")
    String dataPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where its chunks live (default ./stork-data/ID)")
    Path dataDir;

    @Mixin
    ProcessFlags process;
  }

  private StorageNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    Flags flags = new Flags();
    Integer done = CommandLines.parse("stork-storagenode", flags, args, out, err);
    if (done != null) {
      return done;
    }
    StorageNodeSettings settings;
    HostPort nameNode;
    HostPort self;
    int dataPort;
    Transport transport;
    Config config;
    HttpSettings http;
    try {
      nameNode = HostPort.parse(flags.nameNode);
      String id = NodeNames.requireValidNodeId(flags.id);
      self = flags.process.self(flags.port, 0);
      transport = flags.process.transport();
      config = ClusterConfig.of(ClusterConfig.STORAGE_ROLE, self, nameNode, transport, flags.process.operatorConfig());
      long capacity = flags.capacity == null ? config.getBytes("stork.storage-node.capacity") : size("--capacity", flags.capacity, 1);
      long reserve = flags.reserve == null ? config.getBytes("stork.storage-node.reserve") : size("--reserve", flags.reserve, 0);
      dataPort = flags.dataPort == null ? 0 : HostPort.parsePort(flags.dataPort);
      Path dataDir = flags.dataDir == null ? Path.of("stork-data", id) : flags.dataDir;
      settings = new StorageNodeSettings(id, dataDir.toAbsolutePath().normalize(), flags.zone, flags.capabilities, capacity,
          config.getBytes("stork.storage-node.scrub-bytes-per-second"), reserve,
          config.getDuration("stork.storage-node.space-check-interval"), config.getDuration("stork.orphan-grace"));
      http = HttpSettings.fromConfig(config).requireKeysForTls(transport.secure());
    } catch (IllegalArgumentException | IllegalStateException | ConfigException e) {
      return CommandLines.refuse("stork-storagenode", e.getMessage(), err);
    }
    ProcessMetrics metrics = new ProcessMetrics();
    StorageNodeMetrics nodeMetrics = new StorageNodeMetrics(metrics.registry());
    try (DataDirLock lock = DataDirLock.acquire(settings.dataDir())) {
      // Before the data channel: its classes' loggers would start logging in the working directory.
      ProcessStart.begin(settings.dataDir(), transport, err);
      FaultPlan faults = new FaultPlan(); // chaos's drops and delays, kept across incarnations
      try (NodeDataChannel data = NodeDataChannel.open(transport.sockets(), new HostPort(self.host(), dataPort),
               DataSettings.fromConfig(config), settings.nodeId(), faults);
           StorageNodeHttp web = StorageNodeHttp.start(http, config, transport, settings.nodeId(), metrics, nodeMetrics)) {
        out.println("stork-storagenode " + settings.nodeId() + ": listening on " + (self.port() == 0
            ? self.host() + " (a free port)" : self) + ", chunks on " + data.address()
            + ", joining the name node at " + nameNode + " over " + transport.description() + "; " + web.describe()
            + "; data and log in " + settings.dataDir());
        return StorageNodeProcess.run(settings, config, data, faults, nodeMetrics, web);
      }
    } catch (IOException e) {
      err.println("stork-storagenode: cannot listen for chunks on " + self.host() + ":" + dataPort + ": " + e.getMessage());
      return 1;
    } catch (IllegalStateException e) {
      err.println("stork-storagenode: " + e.getMessage());
      return 1;
    }
  }

  /** A size flag's value, at least {@code least} bytes. */
  private static long size(String flag, String text, long least) {
    try {
      long bytes = ConfigFactory.parseMap(Map.of("size", text)).getBytes("size");
      if (bytes < least) {
        throw new IllegalArgumentException(flag + " must be " + (least > 0 ? "positive" : "0 or more"));
      }
      return bytes;
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid " + flag + " '" + text + "': a size such as 500MiB or 64GiB");
    }
  }
}
