package io.shoal.http.api;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import io.shoal.http.auth.Guard;
import io.shoal.http.auth.Role;
import io.shoal.http.server.ApiException;
import io.shoal.http.server.Json;
import io.shoal.persistence.readmodel.AlertState;
import io.shoal.persistence.readmodel.AlertView;
import io.shoal.persistence.readmodel.ReadModels;
import io.shoal.protocol.pen.PenProtocol;
import io.shoal.protocol.pen.PenProtocol.AcknowledgeAlert;
import io.shoal.protocol.pen.PenProtocol.AcknowledgeOutcome;
import io.shoal.protocol.pen.PenProtocol.Acknowledged;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /alerts}: alerts by state from the read model, and acknowledging one through its pen. */
public final class AlertRoutes {

  private static final Set<Role> READERS = Set.of(Role.VIEWER, Role.OPERATOR);
  private static final Set<Role> ACKNOWLEDGERS = Set.of(Role.OPERATOR);
  /** Alert ids are {@code <pen id>-alert-<n>} (PenEntity): the pen is found without a read-model lookup. */
  private static final String ALERT_INFIX = "-alert-";

  private final ClusterSharding sharding;
  private final ReadModels readModels;
  private final Guard guard;
  private final ApiSettings settings;
  private final Json json;
  private final AuditTrail audit;

  public AlertRoutes(ClusterSharding sharding, ReadModels readModels, Guard guard, ApiSettings settings,
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
    return List.of(Endpoint.get("/alerts"), Endpoint.post("/alerts/{alertId}/ack"));
  }

  /** Routes below {@code /api/v1}. */
  public Route route() {
    return pathPrefix("alerts", () -> concat(
        pathEndOrSingleSlash(() -> get(() -> guard.allow(READERS, principal -> list()))),
        pathPrefix(PathMatchers.segment(), alertId -> path("ack", () -> post(() -> guard.allow(ACKNOWLEDGERS,
            principal -> acknowledge(Ids.require("alert id", alertId), principal.subject())))))));
  }

  private Route list() {
    return parameterOptional("state", state -> parameterOptional("limit", limit -> {
      AlertState filter = state.map(AlertRoutes::state).orElse(AlertState.OPEN);
      int size = Limits.pageSize(limit, settings.maxPageSize());
      CompletionStage<List<AlertView>> alerts = readModels.query(models -> models.alerts().byState(filter, size));
      return onSuccess(alerts, result -> complete(StatusCodes.OK, result, json.marshaller()));
    }));
  }

  private Route acknowledge(String alertId, String by) {
    int infix = alertId.lastIndexOf(ALERT_INFIX);
    if (infix <= 0) {
      throw notFound(alertId);
    }
    String penId = alertId.substring(0, infix);
    // Only pens the read model knows are asked: acknowledging must not create (and so remember) a pen.
    CompletionStage<Acknowledged> acknowledged = readModels.query(models -> models.pens().get(penId))
        .thenCompose(known -> {
          if (known.isEmpty()) {
            throw notFound(alertId);
          }
          return sharding.entityRefFor(PenProtocol.ENTITY_TYPE_KEY, penId)
              .<AcknowledgeOutcome>ask(replyTo -> new AcknowledgeAlert(alertId, by, replyTo), settings.askTimeout());
        })
        .thenApply(outcome -> {
          if (outcome instanceof Acknowledged done) {
            return done;
          }
          throw notFound(alertId);
        })
        .thenCompose(done -> audit.record(by, "acknowledge-alert", alertId, "first acknowledged by " + done.by())
            .thenApply(recorded -> done));
    return onSuccess(acknowledged, result -> complete(StatusCodes.OK, result, json.marshaller()));
  }

  private static ApiException notFound(String alertId) {
    return new ApiException(StatusCodes.NOT_FOUND, "unknown-alert", "Unknown alert",
        "no open alert " + alertId + " (never raised, or already resolved)");
  }

  private static AlertState state(String value) {
    try {
      return AlertState.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "invalid-state", "Invalid state",
          "state is one of open, acknowledged, resolved");
    }
  }
}
