package io.stork.client;

import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.Checksums;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NodeRef;
import io.stork.runtime.data.ChunkTransport;
import io.stork.protocol.Refused;
import io.stork.protocol.StorageNodeProtocol;
import io.stork.protocol.StorkException;
import io.stork.runtime.Requests;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
  private final ChunkTransport transport;
  private final ClientSettings settings;

  Downloader(Requests requests, ActorRef<NameNodeProtocol.Command> nameNode, ChunkTransport transport, ClientSettings settings) {
    this.requests = requests;
    this.nameNode = nameNode;
    this.transport = transport;
    this.settings = settings;
  }

  ArtifactReplicas locate(String name) {
    NameNodeProtocol.LocateReply reply = requests.askAndWait(nameNode, replyTo -> new NameNodeProtocol.Locate(name, replyTo),
        settings.requestTimeout(), "the name node");
    if (reply instanceof Refused refused) {
      throw refused.toException();
    }
    return ArtifactReplicas.of((NameNodeProtocol.Located) reply);
  }

  ArtifactVersion read(ArtifactReplicas replicas, OutputStream out, TransferListener listener) throws IOException {
    NameNodeProtocol.Located located = replicas.located();
    ArtifactVersion version = located.version();
    MessageDigest sha256 = DigestUtils.getSha256Digest();
    ArrayDeque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();
    int chunks = version.chunks().size();
    int next = 0;
    long done = 0;
    for (int i = 0; i < chunks; i++) {
      while (next < chunks && next < i + Math.max(1, settings.readAhead())) {
        ahead.add(fetch(version, next, located.chunks().get(next).replicas()));
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
      throw new StorkException(ErrorKind.CORRUPT, "artifact '" + ArtifactNames.printable(version.name()) + "' failed its SHA-256 check");
    }
    return version;
  }

  /**
   * One chunk from the first replica that answers with intact bytes, starting at a random one, in
   * up to {@code readRounds} rounds over the replicas: a lost message is worth another try.
   */
  private CompletableFuture<byte[]> fetch(ArtifactVersion version, int index, List<NodeRef> located) {
    List<NodeRef> replicas = new ArrayList<>(located);
    if (!replicas.isEmpty()) {
      Collections.rotate(replicas, ThreadLocalRandom.current().nextInt(replicas.size()));
    }
    List<NodeRef> attempts = new ArrayList<>();
    for (int round = 0; round < settings.readRounds(); round++) {
      attempts.addAll(replicas);
    }
    return tryReplica(version, index, attempts, 0, new ArrayList<>());
  }

  private CompletableFuture<byte[]> tryReplica(ArtifactVersion version, int index, List<NodeRef> replicas, int attempt,
                                               List<String> errors) {
    ChunkRef chunk = version.chunks().get(index);
    if (attempt >= replicas.size()) {
      String why = errors.isEmpty() ? "no live replica" : String.join("; ", new LinkedHashSet<>(errors));
      return CompletableFuture.failedFuture(new StorkException(ErrorKind.UNAVAILABLE, "chunk " + index + " of '"
          + ArtifactNames.printable(version.name()) + "' is unavailable (" + why + ")"));
    }
    NodeRef replica = replicas.get(attempt);
    CompletableFuture<StorageNodeProtocol.ReadReply> read = transport.read(replica, chunk.id(), settings.readTimeout());
    return read.handle((answer, failure) -> {
      if (failure != null) {
        errors.add(replica.nodeId() + " did not answer");
      } else if (answer instanceof StorageNodeProtocol.ChunkRefused refused) {
        errors.add(replica.nodeId() + ": " + refused.message());
        if (refused.kind() == ErrorKind.CORRUPT || refused.kind() == ErrorKind.NOT_FOUND) {
          nameNode.tell(new NameNodeProtocol.ReportBadReplica(chunk.id(), replica.nodeId()));
        }
      } else if (answer instanceof StorageNodeProtocol.ChunkRead ok && ok.data() != null && ok.data().length == chunk.size()
          && Checksums.crc32c(ok.data()) == chunk.crc32c()) {
        return CompletableFuture.completedFuture(ok.data());
      } else {
        errors.add(replica.nodeId() + ": replica does not match its checksum");
        nameNode.tell(new NameNodeProtocol.ReportBadReplica(chunk.id(), replica.nodeId()));
      }
      return tryReplica(version, index, replicas, attempt + 1, errors);
    }).thenCompose(next -> next);
  }
}
