package io.stork.protocol;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the name node understands from clients and answers: writes begin here, reads ask where the
 * chunks are, and status, names and events tell what the cluster holds.
 */
public final class NameNodeProtocol {
  private NameNodeProtocol() {}

  /** Where the name node lives in its actor system: clients address it there, in the process at the contact point. */
  public static final String PATH = "/user/namenode";

  public interface Command {}

  /** Starts an upload ({@code replace = false}) or an update of an existing artifact. */
  public record BeginUpload(String name, boolean replace, List<String> requiredCapabilities,
                            ActorRef<UploadBegun> replyTo) implements Command, StorkMessage {}

  public record UploadBegun(ActorRef<UploadProtocol.Command> session, String error) implements StorkMessage {}

  /** Where the current version of {@code name} lives, chunk by chunk. */
  public record Locate(String name, ActorRef<Located> replyTo) implements Command, StorkMessage {}

  /** The current version, the live replicas of each chunk, and the replication factor they aim at. */
  public record Located(ArtifactVersion version, List<ChunkLocation> chunks, int replication, String error)
      implements StorkMessage {}

  /** The live replicas of one chunk, as node ids and as refs (same order). */
  public record ChunkLocation(String chunkId, List<String> nodeIds, List<ActorRef<StorageNodeProtocol.Command>> nodes)
      implements StorkMessage {}

  public record Delete(String name, ActorRef<OpResult> replyTo) implements Command, StorkMessage {}

  public record OpResult(String error) implements StorkMessage {}

  public record GetStatus(ActorRef<ClusterStatus> replyTo) implements Command, StorkMessage {}

  /** Artifact names starting with {@code prefix}, for completion. */
  public record ListNames(String prefix, int limit, ActorRef<Names> replyTo) implements Command, StorkMessage {}

  public record Names(List<String> names) implements StorkMessage {}

  /** A reader found a replica damaged or missing on {@code nodeId}. */
  public record ReportBadReplica(String chunkId, String nodeId) implements Command, StorkMessage {}

  /** Sends {@link ClusterEvent}s (a node died or joined, the store healed) to {@code subscriber}. */
  public record Subscribe(ActorRef<ClusterEvent> subscriber) implements Command, StorkMessage {}

  public record ClusterEvent(String message, long atMillis) implements StorkMessage {}
}
