package io.shoal.node.boot;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.shoal.http.api.AlertRoutes;
import io.shoal.http.api.ApiPaths;
import io.shoal.http.api.Endpoint;
import io.shoal.http.api.ApiSettings;
import io.shoal.http.api.AuditTrail;
import io.shoal.http.api.FrameRoutes;
import io.shoal.http.api.InferenceRoutes;
import io.shoal.http.api.OpenApiRoute;
import io.shoal.http.api.PenRoutes;
import io.shoal.http.auth.AdminBootstrap;
import io.shoal.http.auth.GuardDirectives;
import io.shoal.http.auth.JwtSettings;
import io.shoal.http.auth.LoginRoute;
import io.shoal.http.auth.LoginSettings;
import io.shoal.http.metrics.PerformanceRoute;
import io.shoal.http.metrics.RouteTemplates;
import io.shoal.http.server.ApiServer;
import io.shoal.http.sse.PenEventFeed;
import io.shoal.http.sse.PenEventsRoute;
import io.shoal.http.sse.SseSettings;
import io.shoal.node.inference.ModelManifest;
import io.shoal.persistence.audit.AuditLog;
import io.shoal.persistence.readmodel.ReadModels;
import io.shoal.persistence.users.UserRepository;
import io.shoal.protocol.inference.InferenceProtocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node with the {@code api} role serves: the HTTP API of issue 4 on {@code shoal.http.port}, its routes
 * under {@code /api/v1} behind JWT roles, rate limits and problem+json errors ({@link ApiServer}). Starts at once:
 * requests that need the cluster simply wait for it (or time out) like any other request.
 */
final class ApiRole {

  private static final Logger log = LoggerFactory.getLogger(ApiRole.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private ApiRole() {}

  /** Binds the API; the returned stage completes with the binding (or fails, and the node then stops). */
  static CompletionStage<ServerBinding> start(ActorSystem<?> system, ClusterSharding sharding,
      ActorRef<InferenceProtocol.Command> inference, DataSource database, ModelManifest manifest,
      boolean demoSecret) {
    var config = system.settings().config();
    JwtSettings jwt = JwtSettings.fromConfig(config);
    if (demoSecret) {
      jwt = jwt.withDevSecretIfUnset();
    }
    LoginSettings login = LoginSettings.fromConfig(config);
    ApiSettings api = ApiSettings.fromConfig(config);
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig(LoginSettings.BLOCKING_DISPATCHER));

    UserRepository users = new UserRepository(database);
    AdminBootstrap.runAsync(users, login, blocking).whenComplete((outcome, error) -> {
      if (error != null) {
        log.error("The admin account could not be bootstrapped; stopping the node", error);
        CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
      } else {
        log.info("Admin bootstrap: {}", outcome);
      }
    });
    AuditLog auditLog = new AuditLog(database);
    // On the read models' pool, not the login's (bcrypt bursts must not delay every change). A failed audit write
    // is logged and does not fail the request: the change itself is already persisted by then.
    Executor auditWriter = system.dispatchers().lookup(DispatcherSelector.fromConfig(ReadModels.DISPATCHER));
    AuditTrail audit = (username, action, target, detail) -> CompletableFuture
        .runAsync(() -> auditLog.record(username, action, target, detail), auditWriter)
        .exceptionally(error -> {
          log.error("Audit entry not written: {} {} {}", username, action, target, error);
          return null;
        });

    GuardDirectives guard = GuardDirectives.fromSettings(jwt);
    ReadModels readModels = ReadModels.create(system, database);
    ApiServer server = ApiServer.create(system);
    server.metrics().routeTemplates(RouteTemplates.of(endpoints().stream().map(Endpoint::path).toList()));
    List<Route> mounted = new ArrayList<>();
    // Password login signs its tokens with HS256: an installation verifying only an identity provider's RS256
    // tokens has no login route.
    if (login.enabled() && jwt.hs256Enabled()) {
      mounted.add(LoginRoute.create(system, users, jwt, login).route());
    }
    mounted.addAll(List.of(
        new PenRoutes(sharding, readModels, guard, api, audit, server.json()).route(),
        new FrameRoutes(sharding, guard, api, audit, server.json()).route(),
        new PenEventsRoute(PenEventFeed.start(system, SseSettings.fromConfig(config)), guard).route(),
        new AlertRoutes(sharding, readModels, guard, api, audit, server.json()).route(),
        new InferenceRoutes(system, inference, describe(manifest), guard, api, server.json()).route(),
        new OpenApiRoute().route()));
    Route resources = concat(mounted.get(0), mounted.subList(1, mounted.size()).toArray(Route[]::new));
    Route routes = concat(server.performanceRoute().route(), pathPrefix("api", () -> pathPrefix("v1", () -> resources)));
    return server.bind(routes);
  }

  /** Every operation the API serves, for holding against the OpenAPI document. */
  static List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.add(new Endpoint("POST", ApiPaths.PREFIX + LoginRoute.PATH));
    endpoints.addAll(PenRoutes.endpoints());
    endpoints.addAll(FrameRoutes.endpoints());
    endpoints.add(new Endpoint("GET", ApiPaths.PREFIX + PenEventsRoute.PATH));
    endpoints.addAll(AlertRoutes.endpoints());
    endpoints.addAll(InferenceRoutes.endpoints());
    endpoints.addAll(OpenApiRoute.endpoints());
    endpoints.add(new Endpoint("GET", PerformanceRoute.PATH));
    return endpoints;
  }

  /** The manifest as /models shows it: its own fields plus the {@code name:version} predictions carry. */
  private static Map<String, Object> describe(ModelManifest manifest) {
    Map<String, Object> description = new LinkedHashMap<>(JSON.convertValue(manifest,
        new TypeReference<Map<String, Object>>() {}));
    description.put("modelVersion", manifest.modelVersion());
    return description;
  }
}
