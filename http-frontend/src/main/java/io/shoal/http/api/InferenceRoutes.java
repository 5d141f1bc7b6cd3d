package io.shoal.http.api;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;

import io.shoal.http.auth.Guard;
import io.shoal.http.auth.Role;
import io.shoal.http.server.ApiException;
import io.shoal.http.server.Json;
import io.shoal.protocol.inference.InferenceProtocol;
import io.shoal.protocol.inference.InferenceProtocol.Classified;
import io.shoal.protocol.inference.InferenceProtocol.Classify;
import io.shoal.protocol.inference.InferenceProtocol.Undecodable;
import io.shoal.protocol.inference.Prediction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** {@code POST /classify} (one image → species and condition, no state) and {@code GET /models}. */
public final class InferenceRoutes {

  private static final Set<Role> USERS = Set.of(Role.VIEWER, Role.OPERATOR);

  private final ActorSystem<?> system;
  private final ActorRef<InferenceProtocol.Command> inference;
  private final Map<String, Object> manifest;
  private final Guard guard;
  private final ApiSettings settings;
  private final Json json;

  /**
   * @param inference the node's router to the inference pools
   * @param manifest  the loaded model's manifest as JSON-ready values (name, version, input, labels)
   */
  public InferenceRoutes(ActorSystem<?> system, ActorRef<InferenceProtocol.Command> inference,
      Map<String, Object> manifest, Guard guard, ApiSettings settings, Json json) {
    this.json = json;
    this.system = system;
    this.inference = inference;
    this.manifest = Map.copyOf(manifest);
    this.guard = guard;
    this.settings = settings;
  }

  /** What {@link #route()} serves. */
  public static List<Endpoint> endpoints() {
    return List.of(Endpoint.post("/classify"), Endpoint.get("/models"));
  }

  /** Routes below {@code /api/v1}. */
  public Route route() {
    return concat(
        path("classify", () -> post(() -> guard.allow(USERS, principal -> classify()))),
        path("models", () -> get(() -> guard.allow(USERS,
            principal -> complete(StatusCodes.OK, Map.of("models", List.of(manifest)),
                json.marshaller())))));
  }

  private Route classify() {
    return withSizeLimit(settings.maxImageBytes(), () -> entity(Unmarshaller.entityToByteArray(), image -> {
      Images.requireImage(image);
      Instant deadline = Instant.now().plus(settings.askTimeout());
      CompletionStage<Prediction> prediction = AskPattern.<InferenceProtocol.Command, InferenceProtocol.Reply>ask(
              inference, replyTo -> new Classify(UUID.randomUUID().toString(), image, deadline, replyTo),
              settings.askTimeout(), system.scheduler())
          .thenApply(InferenceRoutes::prediction);
      return onSuccess(prediction, result -> complete(StatusCodes.OK, result, json.marshaller()));
    }));
  }

  private static Prediction prediction(InferenceProtocol.Reply reply) {
    if (reply instanceof Classified classified) {
      return classified.prediction();
    }
    if (reply instanceof Undecodable undecodable) {
      throw new ApiException(StatusCodes.UNPROCESSABLE_ENTITY, "undecodable-image", "Undecodable image",
          undecodable.reason());
    }
    throw new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "inference-busy", "Inference busy",
        "inference could not take the image now; try again later");
  }
}
