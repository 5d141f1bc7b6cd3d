package io.shoal.http.api;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;

import io.shoal.http.auth.Guard;
import io.shoal.http.auth.Role;
import io.shoal.http.server.ApiException;
import io.shoal.http.server.Json;
import io.shoal.protocol.pen.PenProtocol;
import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameDeferred;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.FrameRejected;
import io.shoal.protocol.pen.PenProtocol.ProcessFrame;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /pens/{penId}/frames?cameraId=&frameId=&capturedAt=}: one camera frame (JPEG or PNG body) for
 * clients without Kafka, on the same path as Kafka frames: the pen classifies and persists it before answering.
 */
public final class FrameRoutes {

  private static final Set<Role> UPLOADERS = Set.of(Role.OPERATOR, Role.CAMERA);

  private final ClusterSharding sharding;
  private final Guard guard;
  private final ApiSettings settings;
  private final Json json;
  private final AuditTrail audit;

  public FrameRoutes(ClusterSharding sharding, Guard guard, ApiSettings settings, AuditTrail audit, Json json) {
    this.json = json;
    this.sharding = sharding;
    this.guard = guard;
    this.settings = settings;
    this.audit = audit;
  }

  /** What {@link #route()} serves. */
  public static List<Endpoint> endpoints() {
    return List.of(Endpoint.post("/pens/{penId}/frames"));
  }

  /** Routes below {@code /api/v1}. */
  public Route route() {
    return pathPrefix("pens", () -> pathPrefix(PathMatchers.segment(), penId -> path("frames",
        () -> post(() -> guard.allow(UPLOADERS, principal -> upload(Ids.require("pen id", penId),
            principal.subject()))))));
  }

  private Route upload(String penId, String by) {
    return parameterOptional("cameraId", camera -> parameterOptional("frameId", frame ->
        parameterOptional("capturedAt", captured -> withSizeLimit(settings.maxImageBytes(),
            () -> entity(Unmarshaller.entityToByteArray(), image -> {
              String cameraId = Ids.require("camera id", camera.orElse(null));
              String frameId = Ids.require("frame id", frame.orElseGet(() -> UUID.randomUUID().toString()));
              Instant capturedAt = captured.map(FrameRoutes::instant).orElseGet(Instant::now);
              Images.requireImage(image);
              CompletionStage<FrameOutcome> outcome = sharding.entityRefFor(PenProtocol.ENTITY_TYPE_KEY, penId)
                  .<FrameOutcome>ask(replyTo -> new ProcessFrame(frameId, cameraId, capturedAt, image, null,
                      replyTo), settings.askTimeout())
                  .thenCompose(reply -> audit.record(by, "upload-frame", penId + "/" + cameraId + "/" + frameId,
                      reply.getClass().getSimpleName()).thenApply(recorded -> reply));
              return onSuccess(outcome, this::answer);
            })))));
  }

  private Route answer(FrameOutcome outcome) {
    if (outcome instanceof FrameAccepted accepted) {
      return complete(accepted.duplicate() ? StatusCodes.OK : StatusCodes.CREATED, accepted, json.marshaller());
    }
    if (outcome instanceof FrameDeferred deferred) {
      throw new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "inference-busy", "Inference busy",
          deferred.reason() + "; send the frame again later");
    }
    FrameRejected rejected = (FrameRejected) outcome;
    throw new ApiException(StatusCodes.UNPROCESSABLE_ENTITY, rejected.code(), "Frame rejected", rejected.reason());
  }

  private static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "invalid-time", "Invalid time",
          "capturedAt must be an ISO-8601 instant such as 2026-11-26T10:00:00Z");
    }
  }
}
