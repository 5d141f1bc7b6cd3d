package io.shoal.http.server;

import io.shoal.http.metrics.MetricsSettings;
import io.shoal.http.metrics.PerformanceRoute;
import io.shoal.http.metrics.RequestMetrics;
import io.shoal.http.ratelimit.RateLimitSettings;
import io.shoal.http.ratelimit.RateLimiter;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.duration.FiniteDuration;

import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeoutResponse;

/**
 * Serves the API's routes on {@code shoal.http.interface:port}, each request passing, outside in, through: request
 * id (echoed on every response) → access log → CORS → metrics → rate limit → error handling (problem+json) → the
 * routes. It knows no resource: callers build their {@link Route} (mounting {@link #performanceRoute()} where they
 * want it, guarded as they choose) and hand it to {@link #bind}.
 *
 * <p>The binding unbinds at CoordinatedShutdown's service-unbind phase and gives open requests
 * {@code unbind-deadline} to finish.
 */
public final class ApiServer {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final ActorSystem<?> system;
  private final HttpSettings settings;
  private final Json json;
  private final Cors cors;
  private final RequestMetrics metrics;
  private final RateLimiter rateLimiter;
  private final ExceptionHandler exceptions = ProblemExceptionHandler.create();
  private final RejectionHandler rejections;

  public ApiServer(ActorSystem<?> system, HttpSettings settings, RateLimitSettings rateLimit,
      MetricsSettings metrics) {
    this.system = system;
    this.settings = settings;
    this.json = new Json(settings.json());
    this.cors = new Cors(settings.cors());
    this.metrics = new RequestMetrics(metrics);
    this.rateLimiter = new RateLimiter(rateLimit);
    this.rejections = ProblemRejectionHandler.create(settings.json());
  }

  /** A server configured from the system's {@code shoal.http} blocks. */
  public static ApiServer create(ActorSystem<?> system) {
    var config = system.settings().config();
    return new ApiServer(system, HttpSettings.fromConfig(config), RateLimitSettings.fromConfig(config),
        MetricsSettings.fromConfig(config));
  }

  /** A server from the system's configuration, with these paths exempt from rate limiting instead. */
  public static ApiServer create(ActorSystem<?> system, List<String> exemptPathPrefixes) {
    var config = system.settings().config();
    return new ApiServer(system, HttpSettings.fromConfig(config),
        RateLimitSettings.fromConfig(config).withExemptPathPrefixes(exemptPathPrefixes),
        MetricsSettings.fromConfig(config));
  }

  /** Binds {@code routes}, wrapped by {@link #wrap}; completes with the binding (its port when 0 was asked). */
  public CompletionStage<ServerBinding> bind(Route routes) {
    ServerSettings base = ServerSettings.create(system.classicSystem());
    // Applied here rather than trusted to reference.conf: when two libraries' reference.conf set the same key,
    // the one earlier on the classpath wins.
    ServerSettings server = base
        .withTimeouts(base.getTimeouts().withRequestTimeout(
            FiniteDuration.create(settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS)))
        .withParserSettings(base.getParserSettings().withMaxContentLength(settings.maxRequestBytes()))
        .withRemoteAddressAttribute(true)
        .withMaxConnections(settings.maxConnections());
    return Http.get(system).newServerAt(settings.iface(), settings.port()).withSettings(server).bind(wrap(routes))
        .thenApply(binding -> {
          log.info("HTTP API listening on {}", binding.localAddress());
          return binding.addToCoordinatedShutdown(settings.unbindDeadline(), system);
        });
  }

  /** {@code routes} inside every cross-cutting directive, as bound by {@link #bind} (tests may use it directly). */
  public Route wrap(Route routes) {
    return RequestIds.withRequestId(id -> errors(() ->
        withRequestTimeoutResponse(request -> timedOut(request, id), () ->
            accessLog(id, () -> cors.handle(() -> metrics.record(() -> errors(() ->
                rateLimiter.limitRequest(() -> errors(() -> routes)))))))));
  }

  /**
   * Every rejection and exception as a problem. Applied inside the rate limiter so error responses carry its
   * headers and are measured, and once more outside so nothing from the directives themselves escapes unformatted.
   */
  private Route errors(Supplier<Route> inner) {
    return handleExceptions(exceptions, () -> handleRejections(rejections, inner));
  }

  private Route accessLog(String requestId, Supplier<Route> inner) {
    return settings.accessLog() ? AccessLog.log(requestId, inner) : inner.get();
  }

  /**
   * pekko-http answers a timed-out request itself, outside the route: this is that answer, as a problem. The
   * metrics and access log see the route's own response when it finally comes (and is discarded), so the slow
   * request is measured once, with its real latency.
   */
  private HttpResponse timedOut(HttpRequest request, String requestId) {
    Problem problem = new Problem(Problem.typeUri("request-timeout"), "Request timed out",
        StatusCodes.SERVICE_UNAVAILABLE.intValue(),
        "The server did not answer within " + settings.requestTimeout().toSeconds() + " s; try again later.",
        request.getUri().path(), requestId);
    return Problems.response(problem, List.of(RawHeader.create(RequestIds.HEADER, requestId)));
  }

  public HttpSettings settings() {
    return settings;
  }

  /** The JSON marshaller and bounded unmarshaller routes should use. */
  public Json json() {
    return json;
  }

  public RequestMetrics metrics() {
    return metrics;
  }

  /** GET /api/v1/metrics/performance over this server's metrics; mount it (and guard it) with the resources. */
  public PerformanceRoute performanceRoute() {
    return new PerformanceRoute(metrics, json);
  }

  /** The limiter, for routes that charge a verified subject with {@link RateLimiter#limit}. */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }
}
