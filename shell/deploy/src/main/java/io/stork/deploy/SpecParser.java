package io.stork.deploy;

import io.stork.deploy.ClusterSpec.StorageNodeSpec;
import io.stork.deploy.ClusterSpec.Ssh;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import io.stork.protocol.NodeNames;
import io.stork.runtime.HostPort;
import io.stork.storagenode.StorageNodeSettings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a cluster spec (HOCON) and checks all of it before anything starts: unknown keys, values of
 * the wrong kind, invalid or duplicate ids, two processes on one address, hosts that could not reach
 * each other. Every error names the spec, the line and the key.
 */
public final class SpecParser {
  private static final Set<String> TOP_KEYS = Set.of("namenode", "keys", "insecure", "data-root", "settings", "ssh",
      "storage-nodes");
  private static final Set<String> NAME_NODE_KEYS = Set.of("host", "port", "http-port");
  private static final Set<String> SSH_KEYS = Set.of("user", "stork-home");
  private static final Set<String> NODE_KEYS = Set.of("id", "host", "port", "zone", "capabilities", "capacity", "http-port");
  /** What the deployment sets itself, from the spec's addresses and transport: settings may not change it. */
  private static final List<String> DEPLOYMENT_SETTINGS = List.of("pekko.cluster.roles", "pekko.cluster.seed-nodes",
      "pekko.remote.artery.canonical", "pekko.remote.artery.bind", "pekko.remote.artery.transport", "pekko.remote.artery.ssl");
  // Never starts with '-': a host or user is an argument of ssh, which must not take it for an option.
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]*");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private SpecParser() {}

  public static ClusterSpec parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new SpecException(file + ": no such file");
    }
    ConfigObject root;
    try {
      root = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).resolve().root();
    } catch (ConfigException e) {
      throw new SpecException(e.getMessage());
    }
    return new SpecParser().read(file, new SpecFields(file, root, "").onlyKeys(TOP_KEYS));
  }

  private ClusterSpec read(Path file, SpecFields top) {
    Path base = file.toAbsolutePath().normalize().getParent();
    SpecFields nameNodeFields = top.object("namenode").orElseThrow(() -> top.missing("namenode",
        "namenode { host = ..., port = ... } (the name node every process joins)"));
    nameNodeFields.onlyKeys(NAME_NODE_KEYS);
    HostPort nameNode = address(nameNodeFields, ClusterSpec.DEFAULT_NAME_NODE_PORT);
    if (nameNode.port() == 0) {
      throw nameNodeFields.error("port", "the name node needs a fixed port: every process joins it there");
    }
    Integer nameNodeHttp = nameNodeFields.port("http-port").orElse(null);
    Map<String, String> httpPlaces = new HashMap<>();
    claimHttpPort(httpPlaces, nameNodeFields, nameNode, nameNodeHttp, "namenode");
    Path keysDir = keysDir(top, base);
    String dataRootText = top.requiredString("data-root", "the directory under which every process keeps its data "
        + "(<data-root>/<id>)");
    Path dataRoot = path(top, "data-root", dataRootText, base);
    Config settings = settings(top);
    Ssh ssh = ssh(top);

    List<StorageNodeSpec> nodes = new ArrayList<>();
    Map<String, String> idPlaces = new HashMap<>();
    Map<HostPort, String> addressPlaces = new HashMap<>();
    addressPlaces.put(nameNode, "namenode");
    for (SpecFields fields : top.objects("storage-nodes", "the storage nodes, [{ id = ..., host = ..., zone = ... }, ...]")) {
      StorageNodeSpec node = storageNode(fields.onlyKeys(NODE_KEYS));
      String earlier = idPlaces.putIfAbsent(node.id(), fields.where());
      if (earlier != null) {
        throw fields.error("id", "'" + node.id() + "' is already the id of " + earlier);
      }
      if (node.address().port() != 0) {
        String taken = addressPlaces.putIfAbsent(node.address(), fields.where() + " (" + node.id() + ")");
        if (taken != null) {
          throw fields.error("port", node.address() + " is already where " + taken + " listens");
        }
      }
      claimHttpPort(httpPlaces, fields, node.address(), node.httpPort(), fields.where() + " (" + node.id() + ")");
      if (node.address().isLoopback() != nameNode.isLoopback()) {
        throw fields.error("host", node.address().isLoopback()
            ? node.address().host() + " is a loopback address: the name node on " + nameNode.host() + " could not reach it"
            : node.address().host() + " is another host: it could not reach the name node on the loopback address "
                + nameNode.host());
      }
      nodes.add(node);
    }
    if (!nameNode.isLoopback()) {
      if (ssh == null) {
        throw top.missing("ssh", "the processes run on other hosts (" + nameNode.host() + "...), reached with "
            + "ssh { user = ..., stork-home = ... }");
      }
      if (!Path.of(dataRootText).isAbsolute()) {
        throw top.error("data-root", "'" + dataRootText + "' is relative, but the processes run on other hosts: give the "
            + "absolute directory they use there");
      }
    }
    return new ClusterSpec(file.toAbsolutePath().normalize(), nameNode, nameNodeHttp, keysDir, dataRoot, settings, ssh,
        List.copyOf(nodes));
  }

  /**
   * A fixed HTTP port is one process's on its machine: every loopback address is this machine (and
   * stork.http.host is loopback by default), another host is one machine whatever its port.
   */
  private static void claimHttpPort(Map<String, String> places, SpecFields fields, HostPort address, Integer port, String who) {
    if (port == null || port == 0) {
      return;
    }
    String machine = address.isLoopback() ? "this host" : address.host();
    String taken = places.putIfAbsent(machine + ":" + port, who);
    if (taken != null) {
      throw fields.error("http-port", port + " is already the HTTP port of " + taken + " on " + machine);
    }
  }

  private static HostPort address(SpecFields fields, int defaultPort) {
    String host = fields.requiredString("host", "the address it listens on, reachable by every other process");
    if (!HOST.matcher(host).matches()) {
      throw fields.error("host", "'" + host + "' is not a host name or address");
    }
    return new HostPort(host, fields.port("port").orElse(defaultPort));
  }

  private static Path keysDir(SpecFields top, Path base) {
    boolean insecure = top.bool("insecure").orElse(false);
    if (insecure && top.has("keys")) {
      throw top.error("keys", "keys and insecure = true exclude each other");
    }
    if (insecure) {
      return null;
    }
    String keys = top.requiredString("keys", "the directory of the cluster's TLS keys (made by scripts/stork-keys DIR), "
        + "or insecure = true for plain TCP");
    return path(top, "keys", keys, base);
  }

  /** Relative paths are relative to the spec file's directory. */
  private static Path path(SpecFields fields, String key, String text, Path base) {
    try {
      return base.resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw fields.error(key, "'" + text + "' is not a path");
    }
  }

  private static Config settings(SpecFields top) {
    Config settings = top.object("settings").map(fields -> fields.raw().toConfig()).orElse(ConfigFactory.empty());
    for (String path : DEPLOYMENT_SETTINGS) {
      if (settings.hasPathOrNull(path)) {
        throw top.error("settings", path + " is set by the deployment (from the addresses and keys of the spec): remove it");
      }
    }
    return settings;
  }

  private static Ssh ssh(SpecFields top) {
    SpecFields fields = top.object("ssh").orElse(null);
    if (fields == null) {
      return null;
    }
    fields.onlyKeys(SSH_KEYS);
    String user = fields.string("user").orElse(null);
    if (user != null && !USER.matcher(user).matches()) {
      throw fields.error("user", "'" + user + "' is not a user name");
    }
    String home = fields.requiredString("stork-home", "the directory of the Stork checkout on every host");
    if (!home.startsWith("/")) {
      throw fields.error("stork-home", "'" + home + "' must be an absolute path (a directory on every host)");
    }
    return new Ssh(user, home);
  }

  private static StorageNodeSpec storageNode(SpecFields fields) {
    String id = fields.requiredString("id", "the node's id, the same on every start");
    if (!NodeNames.isValidNodeId(id)) {
      throw fields.error("id", "'" + id + "' is not a valid node id (letters, digits, '_', '.', '-', at most 63, "
          + "starting with a letter or digit)");
    }
    if (ClusterSpec.RESERVED_IDS.contains(id)) {
      throw fields.error("id", "'" + id + "' is reserved (the data root holds " + String.join(", ", ClusterSpec.RESERVED_IDS)
          + " for the deployment)");
    }
    HostPort address = address(fields, 0);
    String zone = fields.string("zone").orElse("");
    List<String> capabilities = fields.strings("capabilities");
    String capacity = fields.string("capacity").orElse(null);
    long bytes = capacity == null ? 1 : capacityBytes(fields, capacity);
    try {
      new StorageNodeSettings(id, Path.of(id), zone, capabilities, bytes, 0, 0, Duration.ofSeconds(1)); // the storage node's own checks
    } catch (IllegalArgumentException e) {
      throw fields.error(e.getMessage().contains("capability") ? "capabilities" : "zone", e.getMessage());
    }
    return new StorageNodeSpec(id, address, zone, capabilities, capacity, fields.port("http-port").orElse(null));
  }

  private static long capacityBytes(SpecFields fields, String capacity) {
    try {
      long bytes = fields.raw().toConfig().getBytes("capacity");
      if (bytes > 0) {
        return bytes;
      }
    } catch (ConfigException e) {
      // said below
    }
    throw fields.error("capacity", "'" + capacity + "' is not a positive size (like 500MiB or 64GiB)");
  }
}
