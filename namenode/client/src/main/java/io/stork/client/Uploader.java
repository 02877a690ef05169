package io.stork.client;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.Checksums;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.StorkException;
import io.stork.runtime.LatencyEstimates;
import io.stork.runtime.Requests;
import io.stork.runtime.data.ChunkTransport;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * The calling thread's half of an upload: cuts the content into chunks of the cluster's chunk size,
 * digests them (CRC32C each, SHA-256 of all), and hands them to the upload's {@link UploadWriter},
 * never more than {@code chunks-in-flight} ahead of what is stored, so that memory stays bounded
 * whatever the size.
 */
final class Uploader {
  /** The most chunks the name node places at once (its stork.upload.max-chunks-per-request, at least). */
  private static final int CHUNKS_PER_REQUEST = 64;

  private final ActorSystem<?> system;
  private final ActorRef<NameNodeProtocol.Command> nameNode;
  private final ChunkTransport transport;
  private final LatencyEstimates storeLatencies;
  private final HedgeBudget storeHedges;
  private final ClientSettings settings;
  private final IntSupplier chunkSize;

  Uploader(ActorSystem<?> system, ActorRef<NameNodeProtocol.Command> nameNode, ChunkTransport transport,
           LatencyEstimates storeLatencies, HedgeBudget storeHedges, ClientSettings settings, IntSupplier chunkSize) {
    this.system = system;
    this.nameNode = nameNode;
    this.transport = transport;
    this.storeLatencies = storeLatencies;
    this.storeHedges = storeHedges;
    this.settings = settings;
    this.chunkSize = chunkSize;
  }

  ArtifactVersion write(String name, boolean replace, List<String> requiredCapabilities, InputStream content,
                        long totalBytes, TransferListener listener) {
    int size = chunkSize.getAsInt();
    Semaphore window = new Semaphore(settings.chunksInFlight());
    CompletableFuture<ArtifactVersion> result = new CompletableFuture<>();
    Upload upload = new Upload(name, replace, List.copyOf(requiredCapabilities), totalBytes, size, nameNode, transport,
        storeLatencies, storeHedges, settings, CHUNKS_PER_REQUEST, window, result, listener);
    ActorRef<UploadWriter.Command> writer = system.systemActorOf(UploadWriter.create(upload), "upload-" + UUID.randomUUID(),
        Props.empty());
    try {
      MessageDigest sha256 = DigestUtils.getSha256Digest();
      long sent = 0;
      while (true) {
        byte[] chunk = read(content, size);
        if (chunk.length > 0) {
          awaitRoom(window, result);
          sha256.update(chunk);
          writer.tell(new UploadWriter.Write(chunk, Checksums.crc32c(chunk)));
          sent += chunk.length;
          listener.transferred(sent, totalBytes);
        }
        if (chunk.length < size) { // readNBytes returns less only at the end
          break;
        }
      }
      writer.tell(new UploadWriter.Finish(sent, Hex.encodeHexString(sha256.digest())));
      return Requests.awaitWithin(result, "the upload", settings.commitTimeout().plus(settings.requestTimeout()));
    } catch (StorkException e) {
      writer.tell(new UploadWriter.Cancel(e)); // a no-op once the writer has stopped
      throw e;
    }
  }

  private static byte[] read(InputStream content, int size) {
    if (Thread.currentThread().isInterrupted()) {
      throw new StorkException(ErrorKind.CANCELLED, "cancelled");
    }
    try {
      return content.readNBytes(size);
    } catch (IOException e) {
      throw new StorkException(ErrorKind.IO, "cannot read the content: " + e.getMessage(), e);
    }
  }

  /** Waits for room in the window; an upload that failed meanwhile fails the wait with its cause. */
  private void awaitRoom(Semaphore window, CompletableFuture<ArtifactVersion> result) {
    try {
      while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        if (result.isDone()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorkException(ErrorKind.CANCELLED, "cancelled");
    }
    if (result.isCompletedExceptionally()) {
      Requests.await(result, "the upload", settings.requestTimeout()); // throws its cause
    }
  }
}
