package io.stork.dashboard;

import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.NameNodeProtocol.Located;
import io.stork.protocol.NodeStatus;
import io.stork.protocol.Refused;
import io.stork.protocol.StorkException;
import io.stork.runtime.Requests;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;

/**
 * The dashboard's questions to the name node, in its own protocol (as any client asks): the
 * summary, the nodes, a page of artifacts and where each one's chunks live. Never blocks: every
 * answer is a future, completed on the thread that answers.
 */
final class ClusterView {
  /** The state the name node gave, before it becomes a view. */
  record Fetched(ClusterSummary summary, List<NodeStatus> nodes, List<Views.Row> rows, boolean more) {}

  private final Requests requests;
  private final ActorRef<NameNodeProtocol.Command> nameNode;
  private final DashboardSettings settings;

  ClusterView(Scheduler scheduler, ActorRef<NameNodeProtocol.Command> nameNode, DashboardSettings settings) {
    this.requests = new Requests(scheduler);
    this.nameNode = nameNode;
    this.settings = settings;
  }

  CompletableFuture<Fetched> fetch() {
    CompletableFuture<ClusterSummary> summary = requests.ask(nameNode, NameNodeProtocol.GetSummary::new, settings.askTimeout());
    CompletableFuture<NameNodeProtocol.Nodes> nodes = requests.ask(nameNode, NameNodeProtocol.GetNodes::new, settings.askTimeout());
    CompletableFuture<NameNodeProtocol.ArtifactPage> page = requests.ask(nameNode,
        replyTo -> new NameNodeProtocol.ListArtifacts("", "", settings.placementArtifacts(), replyTo), settings.askTimeout());
    CompletableFuture<List<Views.Row>> rows = page.thenCompose(this::rows);
    return summary.thenCombine(nodes, (s, n) -> new Fetched(s, n.nodes(), List.of(), false))
        .thenCombine(rows, (fetched, r) -> new Fetched(fetched.summary(), fetched.nodes(), r, page.join().more()));
  }

  /** A row for each artifact of the page; one deleted meanwhile has none. */
  private CompletableFuture<List<Views.Row>> rows(NameNodeProtocol.ArtifactPage page) {
    List<CompletableFuture<Views.Row>> rows = page.artifacts().stream().map(this::row).toList();
    return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new))
        .thenApply(done -> rows.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList());
  }

  private CompletableFuture<Views.Row> row(ArtifactStatus status) {
    return locate(status.name()).thenApply(reply -> reply instanceof Located located ? PlacementMap.row(status, located) : null);
  }

  /** The page of artifact {@code name}; fails with the name node's refusal (not found, say). */
  CompletableFuture<Views.Artifact> artifact(String name) {
    CompletableFuture<NameNodeProtocol.Nodes> nodes = requests.ask(nameNode, NameNodeProtocol.GetNodes::new, settings.askTimeout());
    return locate(name).thenCombine(nodes, (reply, n) -> {
      if (reply instanceof Refused refused) {
        throw refused.toException();
      }
      return PlacementMap.artifact((Located) reply, n.nodes());
    });
  }

  /** Deletes {@code name}; fails with the name node's refusal. */
  CompletableFuture<NameNodeProtocol.Deleted> delete(String name) {
    return requests.<NameNodeProtocol.Command, NameNodeProtocol.DeleteReply>ask(nameNode,
        replyTo -> new NameNodeProtocol.Delete(name, replyTo), settings.askTimeout()).thenApply(reply -> {
          if (reply instanceof Refused refused) {
            throw refused.toException();
          }
          return (NameNodeProtocol.Deleted) reply;
        });
  }

  private CompletableFuture<NameNodeProtocol.LocateReply> locate(String name) {
    return requests.ask(nameNode, replyTo -> new NameNodeProtocol.Locate(name, replyTo), settings.askTimeout());
  }

  /** The refusal behind a failed future, if it is one. */
  static StorkException refusal(Throwable failure) {
    Throwable cause = failure;
    while (cause != null && !(cause instanceof StorkException)) {
      cause = cause.getCause();
    }
    return (StorkException) cause;
  }
}
