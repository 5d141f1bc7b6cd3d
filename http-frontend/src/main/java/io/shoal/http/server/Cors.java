package io.shoal.http.server;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

/**
 * CORS for the configured browser origins only. A preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) is answered here: 204 with the allowed methods and headers for a listed
 * origin, 403 otherwise. Other requests from a listed origin get {@code Access-Control-Allow-Origin} (that origin,
 * never {@code *}) on every response, errors included, so a page can read a 401 or 429 body. No credentials mode:
 * the API takes bearer tokens in a header, not cookies.
 */
public final class Cors {

  static final String ALLOW_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
  /** What API clients send: the token, JSON bodies, their own request id and SSE's resume point. */
  static final String ALLOW_HEADERS = "Authorization, Content-Type, X-Request-Id, Last-Event-ID";
  /** Response headers a page may read besides the CORS-safelisted ones. */
  static final String EXPOSE_HEADERS =
      "X-Request-Id, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset";

  private final Set<String> origins;
  private final String maxAgeSeconds;

  public Cors(HttpSettings.CorsSettings settings) {
    this.origins = Set.copyOf(settings.allowedOrigins());
    this.maxAgeSeconds = Long.toString(settings.maxAge().toSeconds());
  }

  public Route handle(Supplier<Route> inner) {
    if (origins.isEmpty()) {
      return inner.get();
    }
    return extractRequest(request -> {
      Optional<String> origin = request.getHeader("Origin").map(HttpHeader::value);
      if (isPreflight(request)) {
        return origin.filter(origins::contains).map(this::preflight).orElseGet(Cors::denied);
      }
      return origin.filter(origins::contains)
          .map(o -> respondWithHeaders(List.of(RawHeader.create("Access-Control-Allow-Origin", o),
              RawHeader.create("Access-Control-Expose-Headers", EXPOSE_HEADERS), vary()), inner))
          .orElseGet(inner);
    });
  }

  private static boolean isPreflight(HttpRequest request) {
    return request.method().equals(HttpMethods.OPTIONS)
        && request.getHeader("Access-Control-Request-Method").isPresent();
  }

  private Route preflight(String origin) {
    return complete(HttpResponse.create().withStatus(StatusCodes.NO_CONTENT).addHeaders(List.of(
        RawHeader.create("Access-Control-Allow-Origin", origin),
        RawHeader.create("Access-Control-Allow-Methods", ALLOW_METHODS),
        RawHeader.create("Access-Control-Allow-Headers", ALLOW_HEADERS),
        RawHeader.create("Access-Control-Max-Age", maxAgeSeconds),
        vary())));
  }

  private static Route denied() {
    return Problems.complete(StatusCodes.FORBIDDEN, "cors-origin-denied", "Origin not allowed",
        "This origin may not call the API from a browser.");
  }

  /** Caches must not serve one origin's answer to another. */
  private static HttpHeader vary() {
    return RawHeader.create("Vary", "Origin");
  }
}
