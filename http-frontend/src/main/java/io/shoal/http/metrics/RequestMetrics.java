package io.shoal.http.metrics;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Route;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

/**
 * Measures every request the API answers (time to the response head, status class) into a sliding window, and
 * reports it for GET /api/v1/metrics/performance. For a streamed response (SSE) that is the time to start the
 * stream, which is what a client waits for.
 */
public final class RequestMetrics {

  private final MetricsSettings settings;
  private final SlidingWindow window;

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
        window.record(System.nanoTime() - start, response.status().intValue());
        return response;
      }, inner);
    });
  }

  /** Records one response directly (for tests and for callers outside the routing DSL). */
  public void record(long latencyNanos, int status) {
    window.record(latencyNanos, status);
  }

  public PerformanceReport report() {
    return window.report(settings.window().toSeconds());
  }
}
