package io.stork.protocol;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the name node understands from clients, and how it answers. The name node never carries
 * content: a client begins an upload (a lease on the name), asks where its chunks go, sends them
 * to storage nodes itself, and commits; a reader asks where the chunks are and fetches them. Every
 * request is answered with its success record or with {@link Refused}.
 */
public final class NameNodeProtocol {
  private NameNodeProtocol() {}

  /** Where the name node lives in its actor system: clients address it there, in the process at the contact point. */
  public static final String PATH = "/user/namenode";

  public interface Command {}

  /** Every answer of the name node. */
  public interface Reply extends StorkMessage {}

  public interface BeginReply extends Reply {}

  public interface PlaceReply extends Reply {}

  public interface RenewReply extends Reply {}

  public interface CommitReply extends Reply {}

  public interface LocateReply extends Reply {}

  public interface DeleteReply extends Reply {}

  /** Where one chunk goes: its id, and its replicas' nodes in pipeline order. */
  public record Placement(ChunkId chunkId, List<NodeRef> nodes) implements StorkMessage {}

  // ---- writes ----

  /**
   * Starts an upload ({@code replace = false}) or an update of an existing artifact, and places the
   * chunks the client has already cut ({@code firstChunks}, their sizes), so that a small artifact
   * needs no other request before its commit. {@code totalBytes} is the whole content's size when
   * known (-1: not known): an upload the live nodes have no room for is refused before it starts.
   */
  public record BeginUpload(String name, boolean replace, List<String> requiredCapabilities, List<Integer> firstChunks,
                            long totalBytes, ActorRef<BeginReply> replyTo) implements Command, StorkMessage {}

  /**
   * The lease on the name, kept while the client renews it at least every {@code leaseMillis};
   * the chunk size to cut at; how many replicas each chunk needs (at least {@code minReplicas}
   * after retries); and the placements of the first chunks.
   */
  public record UploadBegun(LeaseId lease, int chunkSize, int replication, int minReplicas, long leaseMillis,
                            List<Placement> placements) implements BeginReply {}

  /**
   * A chunk to place again, on {@code replicas} more nodes: none of {@code excluded} (they hold it,
   * or refused it), and none of {@code avoided} (they fell silent) unless no other node is left.
   */
  public record Replacement(ChunkId chunkId, int size, int replicas, List<String> excluded, List<String> avoided)
      implements StorkMessage {}

  /** Places new chunks (their sizes, in order) and re-places chunks whose replicas failed. */
  public record PlaceChunks(LeaseId lease, List<Integer> newChunks, List<Replacement> replacements,
                            ActorRef<PlaceReply> replyTo) implements Command, StorkMessage {}

  /** The placements of the new chunks, in order, then those of the replacements, in order. */
  public record Placed(List<Placement> placements) implements PlaceReply {}

  /** Keeps the lease; any request under a lease renews it too. */
  public record RenewLease(LeaseId lease, ActorRef<RenewReply> replyTo) implements Command, StorkMessage {}

  public record LeaseRenewed(LeaseId lease) implements RenewReply {}

  /** A chunk as the client wrote it, and the nodes that acknowledged a replica. */
  public record WrittenChunk(ChunkRef chunk, List<String> nodeIds) implements StorkMessage {}

  /**
   * Makes the upload the artifact's new version, journaled and visible in one step. Asking again
   * after a lost answer is safe: the lease's version is answered again.
   */
  public record CommitUpload(LeaseId lease, long size, String sha256, List<WrittenChunk> chunks,
                             ActorRef<CommitReply> replyTo) implements Command, StorkMessage {}

  public record Committed(ArtifactVersion version) implements CommitReply {}

  /** The client gives up: nothing becomes visible, and what it stored is collected. */
  public record AbortUpload(LeaseId lease) implements Command, StorkMessage {}

  // ---- reads ----

  /** Where the current version of {@code name} lives, chunk by chunk. */
  public record Locate(String name, ActorRef<LocateReply> replyTo) implements Command, StorkMessage {}

  /** The current version, the live replicas of each chunk (in the version's order), and the replication they aim at. */
  public record Located(ArtifactVersion version, List<ChunkLocation> chunks, int replication) implements LocateReply {}

  /**
   * The replicas of one chunk: on nodes up ({@code replicas}), and on nodes unreachable for a while
   * but not given up ({@code unreachable}: to read from last, when every live one failed). A name
   * node of before {@code unreachable} sends none: it reads as empty.
   */
  public record ChunkLocation(ChunkId chunkId, List<NodeRef> replicas, List<NodeRef> unreachable) implements StorkMessage {
    public ChunkLocation {
      unreachable = unreachable == null ? List.of() : unreachable;
    }

    public ChunkLocation(ChunkId chunkId, List<NodeRef> replicas) {
      this(chunkId, replicas, List.of());
    }
  }

  /** A reader found the replica of {@code chunkId} on {@code nodeId} damaged or missing. */
  public record ReportBadReplica(ChunkId chunkId, String nodeId) implements Command, StorkMessage {}

  // ---- deletes ----

  public record Delete(String name, ActorRef<DeleteReply> replyTo) implements Command, StorkMessage {}

  /** {@code version} was the current one; its chunks are collected in the background. */
  public record Deleted(String name, long version) implements DeleteReply {}

  // ---- status ----

  public record GetNodes(ActorRef<Nodes> replyTo) implements Command, StorkMessage {}

  /** Every storage node the name node knows, live or not, by id. */
  public record Nodes(List<NodeStatus> nodes) implements Reply {}

  public record GetSummary(ActorRef<ClusterSummary> replyTo) implements Command, StorkMessage {}

  /** A page of artifacts, by name: those starting with {@code prefix}, after {@code startAfter} (empty: from the first). */
  public record ListArtifacts(String prefix, String startAfter, int limit, ActorRef<ArtifactPage> replyTo)
      implements Command, StorkMessage {}

  /** {@code more}: artifacts past this page match too. */
  public record ArtifactPage(List<ArtifactStatus> artifacts, boolean more) implements Reply {}

  /** Artifact names starting with {@code prefix}, for completion. */
  public record ListNames(String prefix, int limit, ActorRef<Names> replyTo) implements Command, StorkMessage {}

  public record Names(List<String> names) implements Reply {}

  // ---- repair ----

  public interface RepairLimitsReply extends Reply {}

  /**
   * Limits repair, at once: copies each storage node takes part in at a time, and bytes per second
   * each spends on them (0: no limit), so that repair leaves room for clients.
   */
  public record SetRepairLimits(int copiesPerNode, long bytesPerSecondPerNode, ActorRef<RepairLimitsReply> replyTo)
      implements Command, StorkMessage {}

  /** Asks for the repair limits in force and the repair work, changing nothing. */
  public record GetRepairLimits(ActorRef<RepairLimitsReply> replyTo) implements Command, StorkMessage {}

  /** The limits in force, and the repair work: chunks waiting for a copy, copies running. */
  public record RepairLimits(int copiesPerNode, long bytesPerSecondPerNode, int queuedChunks, int copiesInFlight)
      implements RepairLimitsReply {}

  // ---- safe mode and recovery ----

  /** Asks whether the name node is in safe mode, and why. */
  public record GetSafeMode(ActorRef<SafeModeStatus> replyTo) implements Command, StorkMessage {}

  /** An operator's word: leave safe mode now; the chunks the namespace does not know go to the nodes' trash. */
  public record LeaveSafeMode(ActorRef<SafeModeStatus> replyTo) implements Command, StorkMessage {}

  /** {@code reason} is empty when {@code on} is false. */
  public record SafeModeStatus(boolean on, String reason) implements Reply {}

  public interface RecoverReply extends Reply {}

  /**
   * Rebuilds the namespace from the storage nodes' records: every version and delete they hold that
   * the namespace lacks is journaled, as of the last survey of each node.
   */
  public record RecoverNamespace(ActorRef<RecoverReply> replyTo) implements Command, StorkMessage {}

  /** What a recovery journaled: {@code restored} versions and {@code deleted} artifacts, by name. */
  public record Recovered(List<String> restored, List<String> deleted) implements RecoverReply {}

  // ---- events ----

  /**
   * Sends {@link ClusterEvent}s to {@code subscriber} for a while: a subscriber renews by
   * subscribing again (clients are not cluster members, so the name node cannot watch them).
   */
  public record Subscribe(ActorRef<ClusterEvent> subscriber) implements Command, StorkMessage {}

  public record Unsubscribe(ActorRef<ClusterEvent> subscriber) implements Command, StorkMessage {}
}
