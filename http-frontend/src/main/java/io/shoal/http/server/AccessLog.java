package io.shoal.http.server;

import java.util.Locale;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

/**
 * One line per request on logger {@code io.shoal.http.access}: request id, method, path, status and time to the
 * response head. The id is both in the text and in the MDC for the line (see {@link RequestIds} on why the MDC
 * alone is not enough). Logging goes through the node's non-blocking async appender.
 */
public final class AccessLog {

  private static final Logger log = LoggerFactory.getLogger("io.shoal.http.access");
  private static final long NANOS_PER_MICRO = 1_000L;
  private static final double MICROS_PER_MILLI = 1_000.0;

  private AccessLog() {
  }

  public static Route log(String requestId, Supplier<Route> inner) {
    if (!log.isInfoEnabled()) {
      return inner.get();
    }
    return extractRequest(request -> {
      long start = System.nanoTime();
      return mapResponse(response -> {
        double millis = (System.nanoTime() - start) / NANOS_PER_MICRO / MICROS_PER_MILLI;
        try (var ignored = RequestIds.mdc(requestId)) {
          log.info("{} {} {} -> {} in {} ms", requestId, request.method().value(), request.getUri().path(),
              response.status().intValue(), String.format(Locale.ROOT, "%.1f", millis));
        }
        return response;
      }, inner);
    });
  }
}
