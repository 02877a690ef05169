package io.stork.client;

import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorkException;
import io.stork.runtime.Requests;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Reads one version of an artifact: chunks fetched in parallel ({@code readAhead} ahead of the one
 * being written), each checked against its CRC32C, falling back to another replica when one fails
 * or is damaged; the whole content checked against the version's SHA-256 at the end.
 */
final class Downloader {
  private final Requests requests;
  private final ActorRef<NameNodeProtocol.Command> nameNode;
  private final ClientSettings settings;

  Downloader(Requests requests, ActorRef<NameNodeProtocol.Command> nameNode, ClientSettings settings) {
    this.requests = requests;
    this.nameNode = nameNode;
    this.settings = settings;
  }

  NameNodeProtocol.Located locate(String name) {
    NameNodeProtocol.Located located = requests.askAndWait(nameNode, replyTo -> new NameNodeProtocol.Locate(name, replyTo),
        settings.requestTimeout(), "the name node");
    if (located.error() != null) {
      throw new StorkException(located.error());
    }
    return located;
  }

  ArtifactVersion read(NameNodeProtocol.Located located, OutputStream out, TransferListener listener) throws IOException {
    ArtifactVersion version = located.version();
    MessageDigest sha256 = DigestUtils.getSha256Digest();
    ArrayDeque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();
    int chunks = version.chunks().size();
    int next = 0;
    long done = 0;
    for (int i = 0; i < chunks; i++) {
      while (next < chunks && next < i + Math.max(1, settings.readAhead())) {
        ahead.add(fetch(version, next, located.chunks().get(next)).toCompletableFuture());
        next++;
      }
      byte[] data = Requests.await(ahead.poll(), "the storage nodes", settings.readTimeout());
      sha256.update(data);
      out.write(data);
      done += data.length;
      listener.transferred(done, version.size());
    }
    String digest = Hex.encodeHexString(sha256.digest());
    if (!digest.equals(version.sha256())) {
      throw new StorkException("artifact '" + ArtifactNames.printable(version.name()) + "' failed its SHA-256 check");
    }
    return version;
  }

  /**
   * One chunk from the first replica that answers with intact bytes, starting at a random one, in
   * up to {@code readRounds} rounds over the replicas: a lost message is worth another try.
   */
  private CompletionStage<byte[]> fetch(ArtifactVersion version, int index, NameNodeProtocol.ChunkLocation location) {
    List<ActorRef<StorageNodeProtocol.Command>> replicas = new ArrayList<>(location.nodes());
    if (!replicas.isEmpty()) {
      java.util.Collections.rotate(replicas, ThreadLocalRandom.current().nextInt(replicas.size()));
    }
    List<ActorRef<StorageNodeProtocol.Command>> attempts = new ArrayList<>();
    for (int round = 0; round < settings.readRounds(); round++) {
      attempts.addAll(replicas);
    }
    return tryReplica(version, index, attempts, 0, new ArrayList<>());
  }

  private CompletionStage<byte[]> tryReplica(ArtifactVersion version, int index,
                                             List<ActorRef<StorageNodeProtocol.Command>> replicas, int attempt, List<String> errors) {
    ChunkRef chunk = version.chunks().get(index);
    String chunkId = chunk.id().toString();
    if (attempt >= replicas.size()) {
      String why = errors.isEmpty() ? "no live replica" : String.join("; ", new java.util.LinkedHashSet<>(errors));
      return CompletableFuture.failedFuture(new StorkException("chunk " + (index + 1) + " of '"
          + ArtifactNames.printable(version.name()) + "' is unavailable (" + why + ")"));
    }
    ActorRef<StorageNodeProtocol.Command> replica = replicas.get(attempt);
    CompletionStage<StorageNodeProtocol.ChunkRead> read =
        requests.ask(replica, replyTo -> new StorageNodeProtocol.ReadChunk(chunkId, replyTo), settings.readTimeout());
    return read.handle((answer, failure) -> {
      if (failure != null) {
        errors.add("a replica did not answer");
      } else if (answer.data() == null) {
        errors.add(answer.nodeId() + ": " + answer.error());
        nameNode.tell(new NameNodeProtocol.ReportBadReplica(chunkId, answer.nodeId()));
      } else if (answer.data().length != chunk.size() || Checksums.crc32c(answer.data()) != chunk.crc32c()) {
        errors.add(answer.nodeId() + ": replica does not match its checksum");
        nameNode.tell(new NameNodeProtocol.ReportBadReplica(chunkId, answer.nodeId()));
      } else {
        return CompletableFuture.completedFuture(answer.data());
      }
      return tryReplica(version, index, replicas, attempt + 1, errors);
    }).thenCompose(stage -> stage);
  }
}
