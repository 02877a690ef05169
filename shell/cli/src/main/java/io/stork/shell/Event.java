package io.stork.shell;

import io.stork.protocol.ClusterEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Something that happened, as the shell shows it: what the name node announces (a node dead or
 * back, a damaged replica, the store healed, with counts and durations) and what chaos does by
 * itself (the monkey's kills), each with its time.
 */
record Event(String kind, long atMillis, String nodeId, long chunks, long bytes, long durationMillis, String message) {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  static Event of(ClusterEvent e) {
    return new Event(e.kind().name().toLowerCase(Locale.ROOT), e.atMillis(), e.nodeId() == null ? "" : e.nodeId(), e.chunks(),
        e.bytes(), e.durationMillis(), e.message());
  }

  /** What chaos did by itself, now. */
  static Event chaos(String message) {
    return new Event("chaos", System.currentTimeMillis(), "", 0, 0, 0, message);
  }

  /** {@code 12:03:04 sn-2 dead: 41 chunks under-replicated}. */
  String line() {
    return CLOCK.format(Instant.ofEpochMilli(atMillis)) + " " + message;
  }

  /** Good news (shown green), or not (yellow). */
  boolean good() {
    return kind.equals("healed") || kind.equals("node_joined") || kind.equals("node_reachable");
  }

  Map<String, Object> json() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("event", kind);
    o.put("at", Json.time(atMillis));
    o.put("atMillis", atMillis);
    o.put("node", nodeId);
    o.put("chunks", chunks);
    o.put("bytes", bytes);
    o.put("durationMillis", durationMillis);
    o.put("message", message);
    return o;
  }
}
