package io.stork.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The server-sent events every open page gets: one stream, fanned out by a broadcast hub, so that
 * a hundred pages cost the name node what one costs. A page that connects first gets the recent
 * events and the last state; each page has its own small buffer that drops the oldest, so that a
 * slow or stalled page never holds the others back. Events carry a growing id (a page drops any
 * it has seen: one that connects may also get a few the hub still held).
 */
final class LiveStream {
  static final String STATE = "state";
  static final String EVENT = "event";
  private static final int BUFFER = 64;

  private final BoundedSourceQueue<ServerSentEvent> queue;
  private final Source<ServerSentEvent, NotUsed> hub;
  private final AtomicReference<ServerSentEvent> lastState = new AtomicReference<>();
  private final AtomicReference<List<ServerSentEvent>> history = new AtomicReference<>(List.of());
  private final AtomicInteger pages = new AtomicInteger();
  private final int historySize;

  LiveStream(Materializer materializer, int historySize) {
    Pair<BoundedSourceQueue<ServerSentEvent>, Source<ServerSentEvent, NotUsed>> hub = Source.<ServerSentEvent>queue(BUFFER)
        .toMat(BroadcastHub.of(ServerSentEvent.class, BUFFER), Keep.both()).run(materializer);
    this.queue = hub.first();
    this.hub = hub.second();
    this.historySize = historySize;
  }

  /** Pages watching now. */
  int pages() {
    return pages.get();
  }

  void publishState(long seq, String json) {
    ServerSentEvent state = ServerSentEvent.create(json, STATE, Long.toString(seq));
    lastState.set(state);
    offer(state);
  }

  void publishEvent(long seq, String json) {
    ServerSentEvent event = ServerSentEvent.create(json, EVENT, Long.toString(seq));
    List<ServerSentEvent> kept = new ArrayList<>(history.get());
    kept.add(event);
    history.set(List.copyOf(kept.subList(Math.max(0, kept.size() - historySize), kept.size())));
    offer(event);
  }

  private void offer(ServerSentEvent event) {
    if (pages.get() > 0) { // with nobody watching, the hub would hold stale ones for the next page
      queue.offer(event);
    }
  }

  /**
   * A new page's stream: what it missed, then everything as it happens, with a comment now and then
   * to keep it open. {@code connected} runs once the page listens (to send it the state of now).
   */
  Source<ServerSentEvent, NotUsed> page(Duration keepAlive, Runnable connected) {
    List<ServerSentEvent> first = new ArrayList<>(history.get());
    ServerSentEvent state = lastState.get();
    if (state != null) {
      first.add(state);
    }
    return Source.from(first)
        .concat(hub.buffer(BUFFER, OverflowStrategy.dropHead()))
        .keepAlive(keepAlive, ServerSentEvent::heartbeat)
        .watchTermination((notUsed, done) -> { // runs when the page's response starts, and when it ends
          pages.incrementAndGet();
          done.whenComplete((ok, failure) -> pages.decrementAndGet());
          connected.run();
          return notUsed;
        });
  }
}
