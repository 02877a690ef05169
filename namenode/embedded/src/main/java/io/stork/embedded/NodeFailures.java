package io.stork.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ActorInitializationException;

/**
 * The storage nodes of an embedded cluster that failed, and why, as the guardian tells them (on an
 * actor thread) and the cluster's callers read them (on theirs).
 */
final class NodeFailures {
  private final Map<String, String> reasons = new LinkedHashMap<>();

  synchronized void failed(String nodeId, String reason) {
    reasons.remove(nodeId);
    reasons.put(nodeId, reason);
  }

  /** A new start of the node: its last failure is history. */
  synchronized void starting(String nodeId) {
    reasons.remove(nodeId);
  }

  synchronized int count() {
    return reasons.size();
  }

  synchronized java.util.Set<String> ids() {
    return java.util.Set.copyOf(reasons.keySet());
  }

  synchronized List<EmbeddedCluster.NodeFailure> all() {
    List<EmbeddedCluster.NodeFailure> all = new ArrayList<>();
    reasons.forEach((nodeId, reason) -> all.add(new EmbeddedCluster.NodeFailure(nodeId, reason)));
    return all;
  }

  /** The line that says why an actor failed: its own exception's message, not Pekko's wrapper around it. */
  static String reason(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof ActorInitializationException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
