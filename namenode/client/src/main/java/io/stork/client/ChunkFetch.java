package io.stork.client;

import io.stork.protocol.ArtifactNames;
import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeRef;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorkException;
import io.stork.runtime.LatencyEstimates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One chunk, read from the first replica that answers with intact bytes. A replica that has not
 * answered by the 95th percentile of answers is hedged (the next replica is asked too, within the
 * hedge budget); one that has not answered by the adaptive timeout gets the next replica asked in
 * any case. Earlier requests are not abandoned (a paused node still answers in time for the
 * ceiling), and the first good answer wins. A damaged or missing replica is reported to the name
 * node. Callbacks run on Pekko's threads: the state is guarded by this object.
 */
final class ChunkFetch {
  /** What a fetch needs from its reader: the way to the nodes, their latencies, the hedge budget, a timer. */
  record Context(io.stork.runtime.data.ChunkTransport transport, LatencyEstimates latencies, HedgeBudget hedges,
                 Timer timer, Consumer<NameNodeProtocol.ReportBadReplica> report) {}

  /** Runs {@code task} after {@code delay}, on some thread. */
  interface Timer {
    void after(Duration delay, Runnable task);
  }

  private final Context context;
  private final String artifact;
  private final int index;
  private final ChunkRef chunk;
  private final List<NodeRef> candidates;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final Set<String> errors = new LinkedHashSet<>();
  private int next;
  private int outstanding;

  private ChunkFetch(Context context, String artifact, int index, ChunkRef chunk, List<NodeRef> candidates) {
    this.context = context;
    this.artifact = artifact;
    this.index = index;
    this.chunk = chunk;
    this.candidates = candidates;
  }

  /**
   * Starts the read of chunk {@code index}, trying in each of {@code rounds} rounds the {@code live}
   * replicas in this order, then those on {@code unreachable} nodes (slow or cut off, they may still answer).
   */
  static CompletableFuture<byte[]> start(Context context, String artifact, int index, ChunkRef chunk, List<NodeRef> live,
                                         List<NodeRef> unreachable, int rounds) {
    ChunkFetch fetch = new ChunkFetch(context, artifact, index, chunk, candidates(live, unreachable, rounds));
    synchronized (fetch) {
      fetch.askNext();
    }
    return fetch.result;
  }

  /** The order replicas are asked in: each round the live ones, then the unreachable ones. */
  static List<NodeRef> candidates(List<NodeRef> live, List<NodeRef> unreachable, int rounds) {
    List<NodeRef> candidates = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      candidates.addAll(live);
      candidates.addAll(unreachable);
    }
    return candidates;
  }

  /** Asks the next candidate, or fails when none is left and none is out. Called holding the lock. */
  private void askNext() {
    if (result.isDone()) {
      return;
    }
    if (next >= candidates.size()) {
      if (outstanding == 0) {
        String why = errors.isEmpty() ? "no live replica" : String.join("; ", errors);
        result.completeExceptionally(new StorkException(ErrorKind.UNAVAILABLE, "chunk " + index + " of '"
            + ArtifactNames.printable(artifact) + "' is unavailable (" + why + ")"));
      }
      return;
    }
    NodeRef replica = candidates.get(next++);
    outstanding++;
    context.hedges().requested();
    long sent = System.nanoTime();
    int asked = next;
    context.transport().read(replica, chunk.id(), context.latencies().ceiling())
        .whenComplete((answer, failure) -> answered(replica, sent, answer, failure));
    if (next < candidates.size()) {
      context.timer().after(context.latencies().hedgeAfter(), () -> moveOn(asked, true));
      context.timer().after(context.latencies().timeout(), () -> moveOn(asked, false));
    }
  }

  /** No answer yet to the {@code asked}-th request: ask the next replica (a hedge only within the budget). */
  private synchronized void moveOn(int asked, boolean hedge) {
    if (!result.isDone() && next == asked && (!hedge || context.hedges().tryHedge())) {
      askNext();
    }
  }

  private synchronized void answered(NodeRef replica, long sentNanos, StorageNodeProtocol.ReadReply answer, Throwable failure) {
    outstanding--;
    if (failure != null) {
      errors.add(replica.nodeId() + " did not answer");
    } else {
      boolean unreachable = answer instanceof StorageNodeProtocol.ChunkRefused refused && refused.kind() == ErrorKind.UNAVAILABLE;
      if (!unreachable) { // a refused connection is quick, and says nothing of how long the node takes
        context.latencies().answered(replica.nodeId(), Duration.ofNanos(System.nanoTime() - sentNanos));
      }
      if (answer instanceof StorageNodeProtocol.ChunkRead read && read.data() != null && read.data().length == chunk.size()
          && Checksums.crc32c(read.data()) == chunk.crc32c()) {
        result.complete(read.data());
        return;
      }
      if (answer instanceof StorageNodeProtocol.ChunkRefused refused) {
        errors.add(replica.nodeId() + ": " + refused.message());
        if (refused.kind() == ErrorKind.CORRUPT || refused.kind() == ErrorKind.NOT_FOUND) {
          context.report().accept(new NameNodeProtocol.ReportBadReplica(chunk.id(), replica.nodeId()));
        }
      } else {
        errors.add(replica.nodeId() + ": replica does not match its checksum");
        context.report().accept(new NameNodeProtocol.ReportBadReplica(chunk.id(), replica.nodeId()));
      }
    }
    if (outstanding == 0) {
      askNext(); // every request so far has failed: the next at once
    }
  }
}
