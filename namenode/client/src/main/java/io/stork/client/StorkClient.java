package io.stork.client;

import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ClusterEvent;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.Refused;
import io.stork.protocol.StorkException;
import io.stork.runtime.LatencyEstimates;
import io.stork.runtime.Requests;
import io.stork.runtime.data.ChunkTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * The Java API of Stork: blocking calls with timeouts, safe to use from many threads. The client
 * itself cuts, digests and stores content on the storage nodes; the name node only places and
 * commits. Artifact names are taken in any Unicode normalization form and sent in NFC, the form
 * the namespace holds ({@link ArtifactNames}). Every failure is a {@link StorkException} of some {@link ErrorKind}, whose message is
 * one line fit for a user.
 */
public final class StorkClient {
  private final ActorSystem<?> system;
  private final ActorRef<NameNodeProtocol.Command> nameNode;
  private final ClientSettings settings;
  private final Requests requests;
  private final Uploader uploader;
  private final Downloader downloader;
  private final HedgeBudget hedges;
  private final HedgeBudget storeHedges;
  /** The cluster's chunk size, asked once: the client cuts content at it (0 until known). */
  private volatile int chunkSize;

  /** @param transport how chunks reach the storage nodes: their actors in this JVM, or the data channels of their processes */
  public StorkClient(ActorSystem<?> system, ActorRef<NameNodeProtocol.Command> nameNode, ChunkTransport transport,
                     ClientSettings settings) {
    this.system = system;
    this.nameNode = nameNode;
    this.settings = settings;
    this.requests = new Requests(system.scheduler());
    this.hedges = new HedgeBudget(settings.maxHedgeFraction(), settings.hedgeBurst());
    this.storeHedges = new HedgeBudget(settings.maxHedgeFraction(), settings.hedgeBurst());
    this.uploader = new Uploader(system, nameNode, transport, new LatencyEstimates(settings.storeTimeoutFloor(), settings.storeTimeout()),
        storeHedges, settings, this::chunkSize);
    ChunkFetch.Context fetches = new ChunkFetch.Context(transport,
        new LatencyEstimates(settings.readTimeoutFloor(), settings.readTimeout()), hedges,
        (delay, task) -> system.scheduler().scheduleOnce(delay, task, system.executionContext()), nameNode::tell);
    this.downloader = new Downloader(requests, nameNode, settings, fetches);
  }

  /** Reads asked of a second replica while the first was slow, and reads asked in all. */
  public long[] hedgedReads() {
    return new long[] {hedges.hedges(), hedges.requests()};
  }

  /** Chunk stores sent again to silent replicas before their timeout, and chunk stores sent in all. */
  public long[] hedgedStores() {
    return new long[] {storeHedges.hedges(), storeHedges.requests()};
  }

  /** How a write places its chunks: on nodes that declared every one of these capabilities. */
  public record WriteOptions(List<String> requiredCapabilities) {
    public static final WriteOptions DEFAULT = new WriteOptions(List.of());

    public WriteOptions {
      requiredCapabilities = List.copyOf(requiredCapabilities);
    }
  }

  // ---- writes ----

  public ArtifactVersion upload(String name, byte[] content) {
    return write(name, false, new ByteArrayInputStream(content), content.length, WriteOptions.DEFAULT, TransferListener.NONE);
  }

  public ArtifactVersion update(String name, byte[] content) {
    return write(name, true, new ByteArrayInputStream(content), content.length, WriteOptions.DEFAULT, TransferListener.NONE);
  }

  public ArtifactVersion upload(String name, Path file) {
    return writeFile(name, false, file, WriteOptions.DEFAULT, TransferListener.NONE);
  }

  public ArtifactVersion update(String name, Path file) {
    return writeFile(name, true, file, WriteOptions.DEFAULT, TransferListener.NONE);
  }

  /** Uploads ({@code replace = false}) or updates the content of a local file. */
  public ArtifactVersion writeFile(String name, boolean replace, Path file, WriteOptions options, TransferListener listener) {
    LocalFiles.checkReadableFile(file);
    try (InputStream in = Files.newInputStream(file)) {
      return write(name, replace, in, Files.size(file), options, listener);
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot read " + file + ": " + LocalFiles.describe(e), e);
    }
  }

  /** Uploads or updates content from a stream of {@code totalBytes} bytes (-1: unknown). */
  public ArtifactVersion write(String name, boolean replace, InputStream content, long totalBytes,
                               WriteOptions options, TransferListener listener) {
    String normalized = ArtifactNames.normalize(name);
    String problem = ArtifactNames.problem(normalized);
    if (problem != null) {
      throw new StorkException(ErrorKind.INVALID, problem); // before a byte of the content is read
    }
    return uploader.write(normalized, replace, options.requiredCapabilities(), content, totalBytes, listener);
  }

  /** Deletes the artifact; returns the version that was current. */
  public long delete(String name) {
    return this.<NameNodeProtocol.DeleteReply, NameNodeProtocol.Deleted>askOrThrow(
        replyTo -> new NameNodeProtocol.Delete(ArtifactNames.normalize(name), replyTo), NameNodeProtocol.Deleted.class).version();
  }

  // ---- reads ----

  /** Writes the current version's content to {@code out}; verified before this returns. */
  public ArtifactVersion get(String name, OutputStream out, TransferListener listener) {
    return read(locate(name), out, listener);
  }

  /** Writes the version {@link #locate} found to {@code out}, without asking where it is again. */
  public ArtifactVersion read(ArtifactReplicas replicas, OutputStream out, TransferListener listener) {
    try {
      return downloader.read(replicas, out, listener);
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot write the content: " + LocalFiles.describe(e), e);
    }
  }

  public byte[] getBytes(String name) {
    ArtifactReplicas replicas = locate(name);
    if (replicas.version().size() > Integer.MAX_VALUE - 16) {
      throw new StorkException(ErrorKind.INVALID, "artifact '" + ArtifactNames.printable(name)
          + "' is too large to hold in memory; write it to a file");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) replicas.version().size());
    read(replicas, out, TransferListener.NONE);
    return out.toByteArray();
  }

  /** As {@link #get(String, Path, boolean, TransferListener)}, replacing an existing file. */
  public ArtifactVersion get(String name, Path file, TransferListener listener) {
    return get(name, file, true, listener);
  }

  /**
   * Writes the content to {@code file}. A regular file appears (or is replaced, only when
   * {@code replaceExisting}) once the whole content has passed its SHA-256 check, with the mode the
   * umask gives a new file; a character device or a FIFO is written straight into (a FIFO: once a
   * reader opens it). Refused before anything is asked of the cluster: directories, sockets,
   * symbolic links to nothing, missing or unwritable directories, any path inside a Stork data
   * directory (see {@link DownloadTarget}).
   */
  public ArtifactVersion get(String name, Path file, boolean replaceExisting, TransferListener listener) {
    DownloadTarget target = DownloadTarget.of(file, replaceExisting);
    ArtifactReplicas replicas = locate(name);
    return target.write(out -> downloader.read(replicas, out, listener));
  }

  /** The current version of {@code name} and the live replicas of each chunk. */
  public ArtifactReplicas locate(String name) {
    return downloader.locate(ArtifactNames.normalize(name));
  }

  // ---- status ----

  /** Every storage node the name node knows, by id. */
  public List<NodeStatus> nodes() {
    return this.<NameNodeProtocol.Nodes>ask(NameNodeProtocol.GetNodes::new).nodes();
  }

  public ClusterSummary summary() {
    ClusterSummary summary = ask(NameNodeProtocol.GetSummary::new);
    chunkSize = summary.chunkSize();
    return summary;
  }

  /** Artifacts whose names start with {@code prefix}, after {@code startAfter} ("" for the first page), at most {@code limit}. */
  public NameNodeProtocol.ArtifactPage artifacts(String prefix, String startAfter, int limit) {
    return ask(replyTo -> new NameNodeProtocol.ListArtifacts(prefix, startAfter, limit, replyTo));
  }

  /** Every artifact whose name starts with {@code prefix}, page after page. */
  public List<ArtifactStatus> allArtifacts(String prefix) {
    List<ArtifactStatus> all = new java.util.ArrayList<>();
    NameNodeProtocol.ArtifactPage page;
    do {
      page = artifacts(prefix, all.isEmpty() ? "" : all.get(all.size() - 1).name(), Integer.MAX_VALUE);
      all.addAll(page.artifacts());
    } while (page.more());
    return all;
  }

  /** The repair limits in force, and the repair work waiting and running. */
  public NameNodeProtocol.RepairLimits repairLimits() {
    return askOrThrow(NameNodeProtocol.GetRepairLimits::new, NameNodeProtocol.RepairLimits.class);
  }

  /**
   * Limits repair at once (until the name node restarts): copies each storage node takes part in at
   * a time, and bytes per second it spends on them (0: no limit). Returns the limits in force.
   */
  public NameNodeProtocol.RepairLimits setRepairLimits(int copiesPerNode, long bytesPerSecondPerNode) {
    return this.<NameNodeProtocol.RepairLimitsReply, NameNodeProtocol.RepairLimits>askOrThrow(
        replyTo -> new NameNodeProtocol.SetRepairLimits(copiesPerNode, bytesPerSecondPerNode, replyTo), NameNodeProtocol.RepairLimits.class);
  }

  /** Whether the name node is in safe mode (it deletes nothing it does not know), and why. */
  public NameNodeProtocol.SafeModeStatus safeMode() {
    return ask(NameNodeProtocol.GetSafeMode::new);
  }

  /** Leaves safe mode now, on an operator's word: chunks the namespace does not know go to the nodes' trash. */
  public NameNodeProtocol.SafeModeStatus leaveSafeMode() {
    return ask(NameNodeProtocol.LeaveSafeMode::new);
  }

  /** Rebuilds the namespace from the storage nodes' manifests and tombstones; says what it restored. */
  public NameNodeProtocol.Recovered recover() {
    return askOrThrow(NameNodeProtocol.RecoverNamespace::new, NameNodeProtocol.Recovered.class);
  }

  /** Artifact names starting with {@code prefix}, sorted, at most {@code limit}. */
  public List<String> names(String prefix, int limit) {
    return this.<NameNodeProtocol.Names>ask(replyTo -> new NameNodeProtocol.ListNames(prefix, limit, replyTo)).names();
  }

  /**
   * Asks for the nodes every {@code every} until {@code reached} holds or {@code timeout} has
   * passed; returns the last answer (test it again to tell which). An interrupt cancels.
   */
  public List<NodeStatus> awaitNodes(Predicate<List<NodeStatus>> reached, Duration timeout, Duration every) {
    return Polls.until(this::nodes, reached, timeout, every);
  }

  /** As {@link #awaitNodes}, for the summary. */
  public ClusterSummary awaitSummary(Predicate<ClusterSummary> reached, Duration timeout, Duration every) {
    return Polls.until(this::summary, reached, timeout, every);
  }

  /**
   * Calls {@code listener} with every cluster event (a node died or joined, the store healed), on
   * an actor thread, until the returned handle is closed.
   */
  public AutoCloseable subscribe(Consumer<ClusterEvent> listener) {
    ActorRef<EventForwarder.Command> forwarder = system.systemActorOf(
        EventForwarder.create(nameNode, listener, settings.subscriptionRenewal()), "events-" + UUID.randomUUID(), Props.empty());
    return () -> forwarder.tell(EventForwarder.Stop.INSTANCE);
  }

  private int chunkSize() {
    if (chunkSize == 0) {
      summary();
    }
    return chunkSize;
  }

  private <A> A ask(org.apache.pekko.japi.function.Function<ActorRef<A>, NameNodeProtocol.Command> request) {
    return requests.askAndWait(nameNode, request, settings.requestTimeout(), "the name node");
  }

  /** Asks, and throws a refusal as its exception. */
  private <R, T extends R> T askOrThrow(org.apache.pekko.japi.function.Function<ActorRef<R>, NameNodeProtocol.Command> request,
                                        Class<T> answer) {
    R reply = ask(request);
    if (reply instanceof Refused refused) {
      throw refused.toException();
    }
    return answer.cast(reply);
  }
}
