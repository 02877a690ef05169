package io.stork.storagenode;

import io.stork.protocol.StorageNodeProtocol.Command;
import io.stork.runtime.DiskDispatcher;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Runs a storage node's slow disk work (chunk writes, record writes: their fsyncs) on the disk
 * dispatcher's pool, so that one node has several in flight at once; what follows runs back on the
 * actor's thread, when the actor handles {@link Finished}.
 */
final class DiskWork {
  /** Disk work done off the actor thread; what follows it runs back on the actor thread. */
  record Finished(Runnable onActorThread) implements Command, NoSerializationVerificationNeeded {}

  private final ActorContext<Command> context;
  private final Executor pool;

  DiskWork(ActorContext<Command> context) {
    this.context = context;
    this.pool = context.getSystem().dispatchers().lookup(DiskDispatcher.SELECTOR);
  }

  /** Runs {@code work} on the pool; {@code then} gets its result or its failure (unwrapped) on the actor's thread. */
  <T> void run(Callable<T> work, BiConsumer<T, Throwable> then) {
    CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
      try {
        return work.call();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, pool);
    context.pipeToSelf(future, (result, failure) ->
        new Finished(() -> then.accept(result, failure instanceof CompletionException wrapped ? wrapped.getCause() : failure)));
  }
}
