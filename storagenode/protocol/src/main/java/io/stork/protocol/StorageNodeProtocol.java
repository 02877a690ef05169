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

  /** Where a storage node lives in its process (its actor; chunks between processes go over the data channel). */
  public static final String PATH = "/user/storage-node";

  public interface Command extends StorkMessage {}

  /** The answers to a store or a copy. */
  public interface StoreReply extends StorkMessage {}

  /** The answers to a read. */
  public interface ReadReply extends StorkMessage {}

  /**
   * Asks for the node's id, zone, capabilities, capacity and every chunk it holds. The node also
   * sends later {@link ReplicaDamaged} reports to the last {@code replyTo} that asked.
   */
  public record Describe(ActorRef<Report> replyTo) implements Command {}

  /** What a storage node tells the name node of itself. */
  public sealed interface Report extends StorkMessage permits Description, ReplicaDamaged, Usage {}

  /** {@code capacityBytes} is what {@link Usage} says it is, as it was when the node answered. */
  public record Description(
      String nodeId, String zone, List<String> capabilities, long capacityBytes, long usedBytes,
      List<ChunkId> chunkIds, ActorRef<Command> node, String dataAddress) implements Report {}

  /**
   * How much the node may hold now, sent after each {@link Describe} and whenever it changes: its
   * {@code capacityBytes} is what it holds plus the room it has, which is the smaller of its
   * configured limit and its file system's free space less its reserve. Nodes on one
   * {@code volume} (a file system of one host; "" unknown) share its {@code volumeFreeBytes}.
   */
  public record Usage(String nodeId, long usedBytes, long capacityBytes, String volume, long volumeFreeBytes) implements Report {}

  /**
   * A replica failed its checksum, or its file held another chunk (on a read or a scrub), and was
   * deleted from this node.
   */
  public record ReplicaDamaged(String nodeId, ChunkId chunkId) implements Report {}

  /**
   * Stores a chunk, first forwarding it to {@code pipeline}'s head (with the rest of the pipeline),
   * so that the writer sends each chunk once. Every replica answers {@code replyTo}. Across
   * processes it travels on the data channel, not as an actor message (see ChunkTransport).
   */
  public record StoreChunk(
      ChunkId chunkId, byte[] data, int crc32c, List<NodeRef> pipeline,
      ActorRef<StoreReply> replyTo) implements Command {}

  /** The chunk is durable on {@code nodeId}. */
  public record ChunkStored(ChunkId chunkId, String nodeId) implements StoreReply {}

  public record ReadChunk(ChunkId chunkId, ActorRef<ReadReply> replyTo) implements Command {}

  public record ChunkRead(ChunkId chunkId, String nodeId, byte[] data) implements ReadReply {}

  /** A store, copy or read of {@code chunkId} on {@code nodeId} failed: why, and of what kind. */
  public record ChunkRefused(ChunkId chunkId, String nodeId, ErrorKind kind, String message) implements StoreReply, ReadReply {}

  /** Copies a chunk it holds to {@code target}, which answers {@code replyTo}. */
  public record CopyChunk(ChunkId chunkId, NodeRef target, ActorRef<StoreReply> replyTo) implements Command {}

  /** Chunks the namespace knows it no longer needs (surplus replicas, released and retired chunks): deleted at once. */
  public record DeleteChunks(List<ChunkId> chunkIds) implements Command {}

  /**
   * Chunks the namespace does not know (orphans): moved to the node's trash, and deleted only after
   * {@code stork.orphan-grace}, so that a name node that lost its metadata cannot destroy data.
   */
  public record TrashChunks(List<ChunkId> chunkIds) implements Command {}

  /**
   * Keep these records of the namespace beside the chunks, durably (fsynced), keeping for each name
   * only the newest ({@link NamespaceRecord#newer}). No answer: the name node sends each record to
   * several nodes, and a lost one is re-sent by the next change of that name.
   */
  public record KeepRecords(List<NamespaceRecord> records) implements Command {}

  /** Asks for up to {@code limit} records, in name order, of names after {@code startAfter} ("" from the first). */
  public record ListRecords(String startAfter, int limit, ActorRef<RecordPage> replyTo) implements Command {}

  /** A page of a node's records; {@code more}: ask again after the last name. */
  public record RecordPage(String nodeId, List<NamespaceRecord> records, boolean more) implements StorkMessage {}
}
