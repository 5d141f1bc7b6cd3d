package io.shoal.http.metrics;

import io.shoal.observability.metrics.MetricNames;
import io.shoal.observability.metrics.MetricTags;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import kamon.Kamon;
import kamon.tag.TagSet;
import org.apache.pekko.http.javadsl.server.Route;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

/**
 * Measures every request the API answers (time to the response head, status class) into a sliding window, and
 * reports it for GET /api/v1/metrics/performance. For a streamed response (SSE) that is the time to start the
 * stream, which is what a client waits for. Each request also goes to the node's metrics
 * ({@value MetricNames#HTTP_REQUESTS}, {@value MetricNames#HTTP_REQUEST_DURATION}), tagged by route template
 * ({@link RouteTemplates}), method and status.
 */
public final class RequestMetrics {

  private final MetricsSettings settings;
  private final SlidingWindow window;
  private volatile RouteTemplates routes = RouteTemplates.NONE;

  public RequestMetrics(MetricsSettings settings) {
    this(settings, System::nanoTime);
  }

  RequestMetrics(MetricsSettings settings, LongSupplier nanoClock) {
    this.settings = settings;
    this.window = new SlidingWindow(settings, nanoClock);
  }

  /**
   * Records {@code inner}'s response. Place it outside the error handlers so rejections and exceptions are
   * counted with the status they are answered with.
   */
  public Route record(Supplier<Route> inner) {
    return extractRequest(request -> {
      long start = System.nanoTime();
      return mapResponse(response -> {
        long latencyNanos = System.nanoTime() - start;
        int status = response.status().intValue();
        window.record(latencyNanos, status);
        publish(request.method().value(), request.getUri().path(), status, latencyNanos);
        return response;
      }, inner);
    });
  }

  /** The path templates of the routes served, for tagging requests by route (until set: {@code unmatched}). */
  public void routeTemplates(RouteTemplates routes) {
    this.routes = routes;
  }

  private void publish(String method, String path, int status, long latencyNanos) {
    TagSet tags = TagSet.from(Map.<String, Object>of(
        MetricTags.ROUTE, routes.templateOf(path),
        MetricTags.METHOD, method,
        MetricTags.STATUS, String.valueOf(status)));
    Kamon.counter(MetricNames.HTTP_REQUESTS).withTags(tags).increment();
    Kamon.timer(MetricNames.HTTP_REQUEST_DURATION).withTags(tags).record(latencyNanos);
  }

  /** Records one response directly (for tests and for callers outside the routing DSL). */
  public void record(long latencyNanos, int status) {
    window.record(latencyNanos, status);
  }

  public PerformanceReport report() {
    return window.report(settings.window().toSeconds());
  }
}
