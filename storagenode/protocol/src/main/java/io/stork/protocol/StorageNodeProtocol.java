package io.stork.protocol;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * What a storage node understands and answers. The records live here, apart from the actor, so
 * that a client and the name node speak to storage nodes without the server on their classpath.
 */
public final class StorageNodeProtocol {
  private StorageNodeProtocol() {}

  /** Every storage node registers with the receptionist under this key; the name node finds it there. */
  public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "stork-storage-node");

  public interface Command extends StorkMessage {}

  /**
   * Asks for the node's id, zone, capabilities, capacity and every chunk it holds. The node also
   * sends later {@link ReplicaDamaged} reports to the last {@code replyTo} that asked.
   */
  public record Describe(ActorRef<Report> replyTo) implements Command {}

  /** What a storage node tells the name node of itself. */
  public sealed interface Report extends StorkMessage permits Description, ReplicaDamaged {}

  public record Description(
      String nodeId, String zone, List<String> capabilities, long capacityBytes, long usedBytes,
      List<String> chunkIds, ActorRef<Command> node) implements Report {}

  /** A replica failed its checksum (on a read or a scrub) and was deleted from this node. */
  public record ReplicaDamaged(String nodeId, String chunkId) implements Report {}

  /**
   * Stores a chunk, first forwarding it to {@code pipeline}'s head (with the rest of the pipeline),
   * so that the writer sends each chunk once. Every replica acknowledges to {@code replyTo}.
   */
  public record StoreChunk(
      String chunkId, byte[] data, int crc32c, List<ActorRef<Command>> pipeline,
      ActorRef<ChunkStored> replyTo) implements Command {}

  public record ChunkStored(String chunkId, String nodeId, boolean ok, String error) implements StorkMessage {}

  public record ReadChunk(String chunkId, ActorRef<ChunkRead> replyTo) implements Command {}

  /** {@code data} is null when the read failed, and {@code error} says why. */
  public record ChunkRead(String chunkId, String nodeId, byte[] data, String error) implements StorkMessage {}

  /** Copies a chunk it holds to {@code target}, which acknowledges to {@code replyTo}. */
  public record CopyChunk(String chunkId, ActorRef<Command> target, ActorRef<ChunkStored> replyTo) implements Command {}

  public record DeleteChunks(List<String> chunkIds) implements Command {}
}
