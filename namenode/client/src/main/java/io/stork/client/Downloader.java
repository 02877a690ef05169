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
  private final ClientSettings settings;
  private final ChunkFetch.Context fetches;

  Downloader(Requests requests, ActorRef<NameNodeProtocol.Command> nameNode, ClientSettings settings, ChunkFetch.Context fetches) {
    this.requests = requests;
    this.nameNode = nameNode;
    this.settings = settings;
    this.fetches = fetches;
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
        ahead.add(fetch(version, next, located.chunks().get(next)));
        next++;
      }
      byte[] data = Requests.await(ahead.poll(), "the storage nodes", settings.readTimeout()); // each fetch times out by itself
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
   * One chunk, from its live replicas starting at a random one, then from those on unreachable
   * nodes; hedged and with adaptive timeouts (see ChunkFetch).
   */
  private CompletableFuture<byte[]> fetch(ArtifactVersion version, int index, NameNodeProtocol.ChunkLocation location) {
    List<NodeRef> live = new ArrayList<>(location.replicas());
    if (!live.isEmpty()) {
      Collections.rotate(live, ThreadLocalRandom.current().nextInt(live.size()));
    }
    return ChunkFetch.start(fetches, version.name(), index, version.chunks().get(index), live, location.unreachable(),
        settings.readRounds());
  }
}
