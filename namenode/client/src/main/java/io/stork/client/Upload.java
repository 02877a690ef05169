package io.stork.client;

import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.NameNodeProtocol;
import io.stork.runtime.LatencyEstimates;
import io.stork.runtime.data.ChunkTransport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What an {@link UploadWriter} is to do, and how it hands back: the name and its options, the
 * content's size (-1: not known) and the chunk size, the name node, the way to the storage nodes, how long they take to
 * store and how many stores may be hedged, the window of chunks in flight that the calling thread
 * waits on, the outcome, and who hears of retries.
 */
record Upload(String name, boolean replace, List<String> requiredCapabilities, long totalBytes, int chunkSize,
              ActorRef<NameNodeProtocol.Command> nameNode,
              ChunkTransport transport, LatencyEstimates storeLatencies, HedgeBudget storeHedges, ClientSettings settings,
              int maxChunksPerRequest, Semaphore window, CompletableFuture<ArtifactVersion> result,
              TransferListener listener) {

  String printableName() {
    return ArtifactNames.printable(name);
  }
}
