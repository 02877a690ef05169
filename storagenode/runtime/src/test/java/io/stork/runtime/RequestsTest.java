package io.stork.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestsTest {
  static ActorTestKit testKit;

  interface Message {}

  record Echo(String text, ActorRef<String> replyTo) implements Message {}

  /** Answers the echo it holds: sent once the test has attached its callback, so the answer comes after. */
  record Answer() implements Message {}

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("RequestsTest");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** A callback on an answer runs on the thread that answered, never on a pool (or a new thread) of its own. */
  @Test
  void callbacksRunOnTheAnsweringThread() throws Exception {
    Echo[] held = new Echo[1];
    ActorRef<Message> echo = testKit.spawn(Behaviors.receiveMessage(message -> {
      if (message instanceof Echo request) {
        held[0] = request;
      } else {
        held[0].replyTo().tell(held[0].text() + " on " + Thread.currentThread().getName());
      }
      return Behaviors.same();
    }));
    Requests requests = new Requests(testKit.system().scheduler());
    CompletableFuture<String> answered = requests.<Message, String>ask(echo, replyTo -> new Echo("hello", replyTo), Duration.ofSeconds(5))
        .handle((answer, failure) -> answer + " | callback on " + Thread.currentThread().getName());
    echo.tell(new Answer());
    String[] threads = answered.get(5, TimeUnit.SECONDS).split(" \\| callback on ");
    assertEquals("hello on " + threads[1], threads[0], "the callback ran where the actor answered");
    assertFalse(threads[1].startsWith("ForkJoinPool.commonPool"), threads[1]);
  }

  @Test
  void aTimeoutFailsTheFuture() {
    ActorRef<Message> silent = testKit.spawn(Behaviors.receiveMessage(message -> Behaviors.same()));
    Requests requests = new Requests(testKit.system().scheduler());
    ExecutionException failed = assertThrows(ExecutionException.class, () -> requests
        .<Message, String>ask(silent, replyTo -> new Echo("anyone?", replyTo), Duration.ofMillis(100)).get(5, TimeUnit.SECONDS));
    assertEquals(java.util.concurrent.TimeoutException.class, failed.getCause().getClass());
  }

  @Test
  void aFailedStageFailsThePlainFutureWithTheSameCause() {
    IllegalStateException cause = new IllegalStateException("boom");
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> Requests.plain(CompletableFuture.failedStage(cause)).get(5, TimeUnit.SECONDS));
    assertSame(cause, failed.getCause());
  }
}
