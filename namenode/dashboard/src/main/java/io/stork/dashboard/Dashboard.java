package io.stork.dashboard;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.parameter;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;

import io.stork.http.HttpSettings;
import io.stork.http.TokenGuard;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.StorkException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * The live dashboard: a page of plain HTML, CSS and JavaScript (no build step, nothing from the
 * network) and its API, every answer from the name node's own protocol.
 *
 * <ul>
 *   <li>{@code GET /} the page; {@code /static/...} its script and style</li>
 *   <li>{@code GET /api/events} server-sent events: {@code state} (nodes, placement map, healing) when it
 *       changes, {@code event} for each cluster event</li>
 *   <li>{@code GET /api/state} the state of now, once</li>
 *   <li>{@code GET /api/artifact?name=N} one artifact: its version and each chunk's replicas</li>
 *   <li>{@code DELETE /api/artifact?name=N} deletes it: only with the endpoint's token</li>
 * </ul>
 */
public final class Dashboard {
  private static final String RESOURCES = "io/stork/dashboard/";

  private final ClusterView view;
  private final LiveStream stream;
  private final ActorRef<DashboardFeed.Command> feed;
  private final DashboardSettings settings;
  private final TokenGuard guard;
  private final boolean writable;

  public Dashboard(ActorSystem<?> system, ActorRef<NameNodeProtocol.Command> nameNode, DashboardSettings settings, HttpSettings http) {
    this.settings = settings;
    this.view = new ClusterView(system.scheduler(), nameNode, settings);
    this.stream = new LiveStream(Materializer.matFromSystem(system), settings.eventHistory());
    this.guard = new TokenGuard(http);
    this.writable = http.writable();
    this.feed = system.systemActorOf(DashboardFeed.create(nameNode, view, stream, settings, writable), "dashboard-feed",
        Props.empty());
  }

  public Route route() {
    return concat(
        pathSingleSlash(() -> get(() -> getFromResource(RESOURCES + "index.html", ContentTypes.TEXT_HTML_UTF8))),
        pathPrefix("static", () -> get(() -> getFromResourceDirectory(RESOURCES + "static"))),
        pathPrefix("api", () -> concat(
            path("events", () -> get(() -> complete(StatusCodes.OK,
                stream.page(settings.keepAlive(), () -> feed.tell(DashboardFeed.Connected.INSTANCE)),
                EventStreamMarshalling.toEventStream()))),
            path("state", () -> get(() -> completeWithFuture(json(view.fetch().thenApply(this::state))))),
            path("artifact", () -> parameter("name", name -> concat(
                get(() -> completeWithFuture(json(view.artifact(name)))),
                delete(() -> guard.require(() -> completeWithFuture(json(view.delete(name).thenApply(
                    deleted -> Map.of("deleted", deleted.name(), "version", deleted.version()))))))))))));
  }

  private Views.State state(ClusterView.Fetched fetched) {
    Views.Healing heal = new HealingRate(0).next(fetched.summary(), System.nanoTime());
    return new Views.State(0, System.currentTimeMillis(), fetched.summary(), fetched.nodes(), heal,
        PlacementMap.placement(fetched.nodes(), fetched.rows(), fetched.summary().artifacts(), fetched.more()), writable);
  }

  /** The answer as JSON; a refusal as its HTTP status with {@code {"error": "..."}}. */
  private static CompletionStage<HttpResponse> json(CompletableFuture<?> answer) {
    return answer.handle((value, failure) -> {
      if (failure == null) {
        return response(StatusCodes.OK, Json.write(value));
      }
      StorkException refusal = ClusterView.refusal(failure);
      String message = refusal != null ? refusal.getMessage() : "the name node did not answer: " + failure.getMessage();
      return response(refusal == null ? StatusCodes.SERVICE_UNAVAILABLE : status(refusal), Json.write(Map.of("error", message)));
    });
  }

  private static StatusCode status(StorkException refusal) {
    return switch (refusal.kind()) {
      case INVALID -> StatusCodes.BAD_REQUEST;
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case ALREADY_EXISTS, CONFLICT -> StatusCodes.CONFLICT;
      case REFUSED, UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
      default -> StatusCodes.INTERNAL_SERVER_ERROR;
    };
  }

  private static HttpResponse response(StatusCode status, String json) {
    return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json));
  }
}
