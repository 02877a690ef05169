package io.stork.chaos;

import io.stork.client.ArtifactReplicas;
import io.stork.embedded.EmbeddedCluster;
import io.stork.embedded.StorageNodeWrapper;
import io.stork.faults.FaultInterceptor;
import io.stork.faults.FaultPlan;
import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorkException;
import io.stork.storagenode.ChunkStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Fault injection: kill and restart storage nodes, drop and delay the messages sent to them, damage
 * a replica on disk, and run a chaos monkey. Every operation is real: a killed node stops without a
 * goodbye (its actor in an embedded cluster, its process in a multi-process one), a damaged replica
 * is a flipped byte on disk. Drops and delays happen in front of each storage node: its behaviour
 * is wrapped by a {@link FaultInterceptor} (embedded: through the {@link Injector}; in a storage node
 * process: always), and the plan's rules go to every process of a multi-process cluster.
 */
public final class Chaos implements AutoCloseable {
  /** How long a kill or restart waits for the name node to see it. */
  static final Duration SEEN_WITHIN = Duration.ofSeconds(30);

  private final ChaosTarget cluster;
  private final FaultPlan plan;
  private final Random random;
  private final Consumer<String> events;
  private ChaosMonkey monkey;

  private Chaos(ChaosTarget cluster, FaultPlan plan, Random random, Consumer<String> events) {
    this.cluster = cluster;
    this.plan = plan;
    this.random = random;
    this.events = events;
  }

  /** A fault plan and the storage node wrapper that applies it; give the wrapper to the cluster's start. */
  public record Injector(FaultPlan plan, StorageNodeWrapper wrapper) {
    public static Injector create() {
      FaultPlan plan = new FaultPlan();
      return new Injector(plan, (nodeId, node) -> FaultInterceptor.wrap(nodeId, plan, node));
    }

    /** Chaos over a cluster started with {@link #wrapper()}; {@code events} hears what the monkey does. */
    public Chaos attach(EmbeddedCluster cluster, long seed, Consumer<String> events) {
      return new Chaos(new EmbeddedTarget(cluster), plan, new Random(seed), events);
    }
  }

  /** Chaos over nodes that run elsewhere; the plan here is what they were told to do. */
  public static Chaos over(ChaosTarget target, long seed, Consumer<String> events) {
    return new Chaos(target, new FaultPlan(), new Random(seed), events);
  }

  /** Kills a running storage node as a crash would: no goodbye, its data stays on disk. */
  public String kill(String nodeId) {
    requireKnown(nodeId);
    if (!cluster.runningNodes().contains(nodeId)) {
      throw new StorkException(ErrorKind.INVALID, nodeId + " is not running");
    }
    cluster.crash(nodeId);
    awaitSeen(nodeId, false);
    return "killed " + nodeId;
  }

  /** Kills {@code count} running storage nodes picked at random. */
  public String killRandom(int count) {
    List<String> running = new ArrayList<>(cluster.runningNodes());
    if (count < 1 || count > running.size()) {
      throw new StorkException(ErrorKind.INVALID, "cannot kill " + count + " of " + running.size() + " running storage nodes");
    }
    Collections.sort(running);
    Collections.shuffle(running, random);
    List<String> victims = running.subList(0, count).stream().sorted().toList();
    victims.forEach(cluster::crash);
    victims.forEach(victim -> awaitSeen(victim, false));
    return "killed " + String.join(", ", victims);
  }

  /** Starts a killed storage node again on its data directory; it rejoins and reports its chunks. */
  public String restart(String nodeId) {
    requireKnown(nodeId);
    if (cluster.runningNodes().contains(nodeId)) {
      throw new StorkException(ErrorKind.CONFLICT, nodeId + " is already running");
    }
    restartWithFaults(nodeId);
    return "restarted " + nodeId + " (it rejoined with its data)";
  }

  /** Starts a node again, waits until the name node sees it, and gives it the drops and delays in force. */
  private void restartWithFaults(String nodeId) {
    cluster.restart(nodeId);
    awaitSeen(nodeId, true);
    cluster.faultsChanged(plan.rules()); // a new process starts without them
  }

  /**
   * Waits until the name node sees {@code nodeId} up, or no longer up: in a multi-process cluster a
   * crash is seen once the failure detector misses the node's heartbeats (unreachable), seconds later.
   */
  private void awaitSeen(String nodeId, boolean up) {
    Predicate<List<NodeStatus>> seen = nodes -> nodes.stream().anyMatch(n -> n.id().equals(nodeId) && n.isUp() == up);
    if (!seen.test(cluster.client().awaitNodes(seen, SEEN_WITHIN, Duration.ofMillis(20)))) {
      throw new StorkException(ErrorKind.UNAVAILABLE, "waited " + SEEN_WITHIN.toSeconds() + "s in vain for the name node to see " + nodeId
          + (up ? " join" : " gone"));
    }
  }

  public String drop(double percent, String nodeId) {
    if (nodeId != null) {
      requireKnown(nodeId);
    }
    plan.drop(percent, nodeId);
    cluster.faultsChanged(plan.rules());
    return plan.describe().isEmpty() ? "no messages dropped" : String.join("; ", plan.describe());
  }

  public String delay(Duration min, Duration max, String nodeId) {
    if (nodeId != null) {
      requireKnown(nodeId);
    }
    plan.delay(min, max, nodeId);
    cluster.faultsChanged(plan.rules());
    return String.join("; ", plan.describe());
  }

  /** Clears drops and delays (the monkey, if running, goes on). */
  public String off() {
    plan.off();
    cluster.faultsChanged(plan.rules());
    return "messages flow normally again";
  }

  /** Flips one byte in one replica of one chunk of {@code name}, to show repair at work. */
  public String corrupt(String name) {
    ArtifactReplicas located = cluster.client().locate(name);
    List<ArtifactReplicas.ChunkReplicas> chunks = located.chunks().stream().filter(c -> !c.nodeIds().isEmpty()).toList();
    if (chunks.isEmpty()) {
      throw new StorkException(ErrorKind.NOT_FOUND, "artifact '" + ArtifactNames.printable(name) + "' has no stored chunk to damage");
    }
    int index = random.nextInt(chunks.size());
    ArtifactReplicas.ChunkReplicas chunk = chunks.get(index);
    String node = chunk.nodeIds().get(random.nextInt(chunk.nodeIds().size()));
    try {
      Path file = ChunkStore.inspect(cluster.nodeDir(node)).pathOf(chunk.chunk().id());
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        long position = raf.length() - 1 - random.nextInt((int) Math.min(Integer.MAX_VALUE, Math.max(1, raf.length() - 16)));
        raf.seek(position);
        int b = raf.read();
        raf.seek(position);
        raf.write(b ^ 0xFF);
      }
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "could not damage the replica: " + e.getMessage(), e);
    }
    return "flipped a byte of chunk " + located.chunks().indexOf(chunk) + " of '" + ArtifactNames.printable(name)
        + "' on " + node;
  }

  public synchronized String startMonkey(Duration mttf, int maxDown) {
    if (monkey != null) {
      throw new StorkException(ErrorKind.CONFLICT, "the chaos monkey is already running (chaos monkey stop first)");
    }
    if (mttf.toMillis() < 100) {
      throw new StorkException(ErrorKind.INVALID, "the mean time to failure must be at least 100ms");
    }
    if (maxDown < 1 || maxDown >= cluster.nodeIds().size()) {
      throw new StorkException(ErrorKind.INVALID, "--max-down must be between 1 and " + (cluster.nodeIds().size() - 1));
    }
    monkey = new ChaosMonkey(cluster, this::restartWithFaults, mttf, maxDown, new Random(random.nextLong()), events);
    monkey.start();
    return "chaos monkey started: " + monkey.describe();
  }

  public synchronized String stopMonkey() {
    if (monkey == null) {
      throw new StorkException(ErrorKind.INVALID, "the chaos monkey is not running");
    }
    monkey.stop();
    String summary = monkey.describe();
    monkey = null;
    return "chaos monkey stopped (" + summary + "); its victims are running again";
  }

  /** What is active: the monkey, drops and delays, and which nodes are down. */
  public synchronized List<String> status() {
    List<String> lines = new ArrayList<>();
    lines.add(monkey == null ? "monkey: off" : monkey.describe());
    lines.addAll(plan.describe().isEmpty() ? List.of("messages: no drops, no delays") : plan.describe());
    List<String> down = cluster.nodeIds().stream().filter(id -> !cluster.runningNodes().contains(id)).toList();
    lines.add("down: " + (down.isEmpty() ? "none" : String.join(", ", down)));
    return lines;
  }

  private void requireKnown(String nodeId) {
    if (!cluster.nodeIds().contains(nodeId)) {
      throw new StorkException(ErrorKind.NOT_FOUND, "no storage node '" + ArtifactNames.printable(nodeId) + "' (nodes: "
          + String.join(", ", cluster.nodeIds()) + ")");
    }
  }

  /** Stops the monkey (restarting its victims) and clears every fault. */
  @Override
  public synchronized void close() {
    if (monkey != null) {
      monkey.stop();
      monkey = null;
    }
    if (!plan.describe().isEmpty()) {
      plan.off();
      cluster.faultsChanged(plan.rules());
    }
  }
}
