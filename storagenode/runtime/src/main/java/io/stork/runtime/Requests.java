package io.stork.runtime;

import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

/** Ask an actor and wait for the answer (or for a system to stop), turning timeouts and interrupts into {@link StorkException}s. */
public final class Requests {
  private static final Duration STOPPED_SYSTEM_GRACE = Duration.ofSeconds(2);

  private final Scheduler scheduler;

  public Requests(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Asks, answering with a plain {@link CompletableFuture} whose callbacks run on the thread that
   * completes it. Pekko's stage is Scala's, which runs even non-async callbacks on the common pool:
   * on a machine with 2 cores that pool has one thread, so the JDK starts a new thread per callback.
   * That thread is Pekko's (the answering actor's, Artery's inbound lane, the scheduler's on a
   * timeout): callbacks must be short and never block.
   */
  public <Q, A> CompletableFuture<A> ask(RecipientRef<Q> target, Function<ActorRef<A>, Q> request, Duration timeout) {
    return plain(AskPattern.ask(target, request, timeout, scheduler));
  }

  /** {@code stage} as a plain JDK future, completed on the thread that completes {@code stage}. */
  public static <A> CompletableFuture<A> plain(CompletionStage<A> stage) {
    CompletableFuture<A> answer = new CompletableFuture<>();
    stage.whenCompleteAsync((value, failure) -> {
      if (failure != null) {
        answer.completeExceptionally(failure);
      } else {
        answer.complete(value);
      }
    }, Runnable::run);
    return answer;
  }

  /**
   * The ask times out on the actor system's scheduler; should the system have stopped (a client downed
   * by the cluster), it never would: the wait gives up a little later all the same.
   */
  public <Q, A> A askAndWait(RecipientRef<Q> target, Function<ActorRef<A>, Q> request, Duration timeout, String who) {
    return await(ask(target, request, timeout), who, timeout, timeout.plus(STOPPED_SYSTEM_GRACE));
  }

  /** Stops {@code system} and waits for it (30 s at most); {@code what} names it in the error. */
  public static void terminate(ActorSystem<?> system, String what) {
    terminate(system, what, Duration.ofSeconds(30));
  }

  /** Stops {@code system} and waits for it ({@code limit} at most); {@code what} names it in the error. */
  public static void terminate(ActorSystem<?> system, String what, Duration limit) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new StorkException(ErrorKind.UNAVAILABLE, what + " did not stop: " + e.getMessage(), e);
    }
  }

  /** Waits for a stage that times out by itself ({@code timeout} only names its timeout in the error). */
  public static <A> A await(CompletionStage<A> stage, String who, Duration timeout) {
    return await(stage, who, timeout, null);
  }

  /** Waits for {@code stage} at most {@code limit}. */
  public static <A> A awaitWithin(CompletionStage<A> stage, String who, Duration limit) {
    return await(stage, who, limit, limit);
  }

  /** @param limit how long to wait at most (null: until the stage completes) */
  private static <A> A await(CompletionStage<A> stage, String who, Duration timeout, Duration limit) {
    try {
      return limit == null ? stage.toCompletableFuture().get() : stage.toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new StorkException(ErrorKind.UNAVAILABLE, who + " did not answer within " + timeout.toSeconds() + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorkException(ErrorKind.CANCELLED, "cancelled");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StorkException stork) {
        throw stork;
      }
      if (cause instanceof TimeoutException) {
        throw new StorkException(ErrorKind.UNAVAILABLE, who + " did not answer within " + timeout.toSeconds() + "s");
      }
      throw new StorkException(ErrorKind.INTERNAL, who + " failed: " + cause.getMessage(), cause);
    }
  }
}
