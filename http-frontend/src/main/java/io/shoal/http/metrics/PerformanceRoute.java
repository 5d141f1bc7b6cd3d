package io.shoal.http.metrics;

import io.shoal.http.server.Json;
import java.util.List;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

/** GET /api/v1/metrics/performance: the {@link PerformanceReport} of the API's sliding window as JSON. */
public final class PerformanceRoute {

  public static final String PATH = "/api/v1/metrics/performance";

  private final RequestMetrics metrics;
  private final Json json;

  public PerformanceRoute(RequestMetrics metrics, Json json) {
    this.metrics = metrics;
    this.json = json;
  }

  /** The route at its full path, for mounting beside the other resources. */
  public Route route() {
    return path(PathMatchers.segment("api").slash("v1").slash("metrics").slash("performance"), this::handler);
  }

  /** Just the GET, for a caller that has matched the path itself (e.g. inside its own /api/v1 prefix). */
  public Route handler() {
    // A report is a moment's reading: caches must not replay it.
    return get(() -> complete(StatusCodes.OK, List.of(CacheControl.create(CacheDirectives.NO_STORE)),
        metrics.report(), json.marshaller()));
  }
}
