package io.stork.deploy;

import io.stork.protocol.ErrorKind;
import io.stork.client.ClusterConnection;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.StorkException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Watches processes of a deployment come up: the name node until it listens, then the storage nodes
 * until the name node reports every one "up". Gives up at the deadline, or as soon as a process on
 * this host has ended, with a message that names the processes and where their output is.
 */
final class JoinWatch {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final int OUTPUT_LINES = 5;

  private final Deployment deployment;
  private final long deadline;
  private final Duration timeout;

  JoinWatch(Deployment deployment, Duration timeout) {
    this.deployment = deployment;
    this.timeout = timeout;
    this.deadline = System.nanoTime() + timeout.toNanos();
  }

  Duration remaining() {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  /** Waits until the name node accepts connections on its address (a TCP connect; no cluster needed yet). */
  void awaitListening(ProcessSpec nameNode, ProcessState started) {
    InetSocketAddress address = new InetSocketAddress(nameNode.address().host(), nameNode.address().port());
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(address, (int) POLL.toMillis());
        return;
      } catch (IOException notYet) {
        requireAlive(Map.of(nameNode, started));
        if (remaining().isZero()) {
          throw new StorkException(ErrorKind.UNAVAILABLE, "the name node did not listen on " + nameNode.address() + " within " + timeout.toSeconds()
              + " s; see " + nameNode.outputLocation());
        }
        LockSupport.parkNanos(POLL.toNanos()); // it is starting: ask again shortly
      }
    }
  }

  /**
   * Waits until the name node reports every storage node of {@code started} up, and returns the nodes.
   * It asks through a connection of its own, opened with {@code connect}, and through a new one
   * should that one fail.
   */
  List<NodeStatus> awaitJoined(Supplier<ClusterConnection> connect, Map<ProcessSpec, ProcessState> started) {
    Set<String> ids = started.keySet().stream().filter(p -> !p.nameNode()).map(ProcessSpec::id).collect(Collectors.toSet());
    Set<String> missing = ids;
    String lastProblem = "";
    while (true) {
      try (ClusterConnection connection = connect.get()) {
        List<NodeStatus> nodes = connection.client().awaitNodes(
            s -> missing(s, ids).isEmpty() || !ended(started).isEmpty() || !connection.connected(), remaining(), POLL);
        missing = missing(nodes, ids);
        if (missing.isEmpty()) {
          return nodes;
        }
      } catch (StorkException e) {
        lastProblem = " (last: " + e.getMessage() + ")";
      }
      requireAlive(started);
      if (remaining().isZero()) {
        Set<String> late = missing;
        List<ProcessSpec> processes = started.keySet().stream().filter(p -> late.contains(p.id())).toList();
        throw new StorkException(ErrorKind.UNAVAILABLE, processes.stream().map(ProcessSpec::id).collect(Collectors.joining(", ")) + " did not join "
            + "within " + timeout.toSeconds() + " s" + lastProblem + "; see " + processes.stream().map(ProcessSpec::outputLocation)
            .collect(Collectors.joining(", ")));
      }
    }
  }

  private static Set<String> missing(List<NodeStatus> nodes, Set<String> ids) {
    Set<String> up = nodes.stream().filter(NodeStatus::isUp).map(NodeStatus::id).collect(Collectors.toSet());
    return ids.stream().filter(id -> !up.contains(id)).collect(Collectors.toSet());
  }

  /** The processes on this host that have ended (those elsewhere are not asked: that takes an ssh each). */
  private List<ProcessSpec> ended(Map<ProcessSpec, ProcessState> started) {
    List<ProcessSpec> ended = new ArrayList<>();
    started.forEach((process, state) -> {
      if (process.local() && deployment.host(process).check(state) == Host.Status.GONE) {
        ended.add(process);
      }
    });
    return ended;
  }

  private void requireAlive(Map<ProcessSpec, ProcessState> started) {
    List<ProcessSpec> ended = ended(started);
    if (!ended.isEmpty()) {
      ProcessSpec first = ended.get(0);
      throw new StorkException(ErrorKind.UNAVAILABLE, ended.stream().map(ProcessSpec::id).collect(Collectors.joining(", ")) + " ended while starting; "
          + "the last lines of " + first.output() + ":\n" + tail(first.output()));
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()).stream()
          .map(line -> "  " + line).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "  (unreadable: " + e.getMessage() + ")";
    }
  }
}
