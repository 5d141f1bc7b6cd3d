package io.shoal.http.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaType;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;

/**
 * Renders {@link Problem}s as {@code application/problem+json} responses. Routes (and the Guard) answer errors
 * through {@link #complete}, which fills in the request's path and X-Request-Id.
 */
public final class Problems {

  /** RFC 7807's media type; UTF-8 like all JSON (RFC 8259), so no charset parameter. */
  public static final MediaType.WithFixedCharset PROBLEM_JSON =
      MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8, "json");
  public static final ContentType PROBLEM_JSON_TYPE = ContentTypes.create(PROBLEM_JSON);

  /** Problem bodies hold strings and an int only: a plain mapper needs no limits or modules. */
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** Written if rendering a problem ever fails, so an error response still has a problem body. */
  private static final byte[] FALLBACK = ("{\"type\":\"" + Problem.typeUri("internal-error")
      + "\",\"title\":\"Internal server error\",\"status\":500}").getBytes(StandardCharsets.UTF_8);

  private Problems() {
  }

  public static HttpResponse response(Problem problem) {
    return response(problem, List.of());
  }

  public static HttpResponse response(Problem problem, Iterable<HttpHeader> headers) {
    byte[] body;
    StatusCode status = StatusCodes.lookup(problem.status()).orElse(StatusCodes.INTERNAL_SERVER_ERROR);
    try {
      body = MAPPER.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      body = FALLBACK;
    }
    return HttpResponse.create().withStatus(status).addHeaders(headers).withEntity(PROBLEM_JSON_TYPE, body);
  }

  /** The problem for {@code request}: its path as the instance, its X-Request-Id (when {@link RequestIds} set one). */
  public static Problem of(HttpRequest request, StatusCode status, String slug, String title, String detail) {
    return new Problem(Problem.typeUri(slug), title, status.intValue(), detail, request.getUri().path(),
        RequestIds.of(request).orElse(null));
  }

  /** Completes the request with this problem. */
  public static Route complete(StatusCode status, String slug, String title, String detail) {
    return complete(status, slug, title, detail, List.of());
  }

  /** Completes the request with this problem and extra headers (Allow, Retry-After, WWW-Authenticate...). */
  public static Route complete(StatusCode status, String slug, String title, String detail,
      Iterable<HttpHeader> headers) {
    return extractRequest(request -> completeWith(response(of(request, status, slug, title, detail), headers)));
  }

  /** Completes the request with {@code e}'s status, type, title and detail. */
  public static Route complete(ApiException e) {
    return complete(e.status(), e.type(), e.title(), e.detail());
  }

  /** pekko's {@code complete(HttpResponse)}, named apart from this class's own {@code complete} overloads. */
  private static Route completeWith(HttpResponse response) {
    return Directives.complete(response);
  }
}
