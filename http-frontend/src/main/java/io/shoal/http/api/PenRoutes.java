package io.shoal.http.api;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.put;

import io.shoal.http.auth.Guard;
import io.shoal.http.auth.Role;
import io.shoal.http.server.ApiException;
import io.shoal.http.server.Json;
import io.shoal.persistence.readmodel.AssessmentView;
import io.shoal.persistence.readmodel.PenStatusView;
import io.shoal.persistence.readmodel.ReadModels;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenProtocol;
import io.shoal.protocol.pen.PenProtocol.Configure;
import io.shoal.protocol.pen.PenProtocol.Done;
import io.shoal.protocol.pen.PenProtocol.GetHealth;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import io.shoal.protocol.pen.PenThresholds;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /pens}: the list from the read model, one pen's live health from its entity, its assessment history and
 * its thresholds. Frame upload is in {@link FrameRoutes}, the event stream in the SSE package.
 */
public final class PenRoutes {

  private static final Set<Role> READERS = Set.of(Role.VIEWER, Role.OPERATOR);
  private static final Set<Role> CONFIGURERS = Set.of(Role.OPERATOR);

  private final ClusterSharding sharding;
  private final ReadModels readModels;
  private final Guard guard;
  private final ApiSettings settings;
  private final Json json;
  private final AuditTrail audit;

  public PenRoutes(ClusterSharding sharding, ReadModels readModels, Guard guard, ApiSettings settings,
      AuditTrail audit, Json json) {
    this.json = json;
    this.sharding = sharding;
    this.readModels = readModels;
    this.guard = guard;
    this.settings = settings;
    this.audit = audit;
  }

  /** What {@link #route()} serves. */
  public static List<Endpoint> endpoints() {
    return List.of(Endpoint.get("/pens"), Endpoint.get("/pens/{penId}"), Endpoint.get("/pens/{penId}/history"),
        Endpoint.put("/pens/{penId}/config"));
  }

  /** Routes below {@code /api/v1}. */
  public Route route() {
    return pathPrefix("pens", () -> concat(
        pathEndOrSingleSlash(() -> get(() -> guard.allow(READERS, principal -> list()))),
        pathPrefix(PathMatchers.segment(), penId -> onePen(Ids.require("pen id", penId)))));
  }

  private Route onePen(String penId) {
    return concat(
        pathEndOrSingleSlash(() -> get(() -> guard.allow(READERS, principal -> knownPenHealth(penId)))),
        path("history", () -> get(() -> guard.allow(READERS, principal -> history(penId)))),
        path("config", () -> put(() -> guard.allow(CONFIGURERS, principal -> configure(penId, principal.subject())))));
  }

  private Route list() {
    return parameterOptional("status", status -> parameterOptional("after", after ->
        parameterOptional("limit", limit -> {
          HealthStatus filter = status.map(PenRoutes::status).orElse(null);
          after.ifPresent(cursor -> Ids.require("pen id", cursor));
          int size = Limits.pageSize(limit, settings.maxPageSize());
          CompletionStage<Page<PenStatusView>> page = readModels
              .query(models -> models.pens().list(filter, after.orElse(null), size + 1))
              .thenApply(rows -> Limits.page(rows, size, PenStatusView::penId));
          return onSuccess(page, result -> complete(StatusCodes.OK, result, json.marshaller()));
        })));
  }

  /**
   * A pen's health, for a pen the read model knows. Reading must not create pens: a pen entity, once started, is
   * remembered and restarted forever, so only frames and configuration may bring a new one to life.
   */
  private Route knownPenHealth(String penId) {
    return onSuccess(readModels.query(models -> models.pens().get(penId)), known -> {
      if (known.isEmpty()) {
        throw unknownPen(penId);
      }
      return health(penId);
    });
  }

  static ApiException unknownPen(String penId) {
    return new ApiException(StatusCodes.NOT_FOUND, "unknown-pen", "Unknown pen",
        "no pen " + penId + " has sent a frame or been configured (a new pen shows within a second of that)");
  }

  private Route health(String penId) {
    CompletionStage<PenHealth> health = pen(penId).ask(GetHealth::new, settings.askTimeout());
    return onSuccess(health, result -> complete(StatusCodes.OK, result, json.marshaller()));
  }

  private Route history(String penId) {
    return parameterOptional("from", from -> parameterOptional("to", to -> parameterOptional("limit", limit -> {
      Instant end = to.map(value -> instant("to", value)).orElseGet(Instant::now);
      Instant start = from.map(value -> instant("from", value)).orElse(end.minus(settings.maxHistoryRange()));
      if (!start.isBefore(end)) {
        throw new ApiException(StatusCodes.BAD_REQUEST, "invalid-range", "Invalid range", "from must be before to");
      }
      if (Duration.between(start, end).compareTo(settings.maxHistoryRange()) > 0) {
        throw new ApiException(StatusCodes.BAD_REQUEST, "range-too-long", "Range too long",
            "a history request covers at most " + settings.maxHistoryRange());
      }
      int size = Limits.pageSize(limit, settings.maxPageSize());
      CompletionStage<List<AssessmentView>> rows =
          readModels.query(models -> models.assessments().byPen(penId, start, end, size));
      return onSuccess(rows, result -> complete(StatusCodes.OK, new History(penId, start, end, result),
          json.marshaller()));
    })));
  }

  private Route configure(String penId, String by) {
    return json.entityAs(PenThresholds.class, thresholds -> {
      CompletionStage<Done> done = pen(penId)
          .<Done>ask(replyTo -> new Configure(thresholds, by, replyTo), settings.askTimeout())
          .thenCompose(reply -> audit.record(by, "configure-pen", penId, "thresholds " + thresholds)
              .thenApply(recorded -> reply));
      return onSuccess(done, reply -> health(penId));
    });
  }

  private EntityRef<PenProtocol.Command> pen(String penId) {
    return sharding.entityRefFor(PenProtocol.ENTITY_TYPE_KEY, penId);
  }

  private static HealthStatus status(String value) {
    try {
      return HealthStatus.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "invalid-status", "Invalid status",
          "status is one of ok, warning, critical, unknown");
    }
  }

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "invalid-time", "Invalid time",
          name + " must be an ISO-8601 instant such as 2026-11-26T10:00:00Z");
    }
  }

  /** A pen's assessments between {@code from} (inclusive) and {@code to} (exclusive), oldest first. */
  record History(String penId, Instant from, Instant to, List<AssessmentView> assessments) {}
}
