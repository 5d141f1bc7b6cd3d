package io.shoal.http.server;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.AuthenticationFailedRejection;
import org.apache.pekko.http.javadsl.server.AuthorizationFailedRejection;
import org.apache.pekko.http.javadsl.server.InvalidRequiredValueForQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MalformedHeaderRejection;
import org.apache.pekko.http.javadsl.server.MalformedQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.MissingHeaderRejection;
import org.apache.pekko.http.javadsl.server.MissingQueryParamRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.RequestEntityExpectedRejection;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnacceptedResponseContentTypeRejection;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.apache.pekko.http.javadsl.server.ValidationRejection;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;

/**
 * Turns route rejections into problem responses. Cases are tried in order against all of a request's rejections,
 * so a body error (400/413/415) wins over a method mismatch from a sibling route (405), and 404 is left for when
 * nothing matched at all. Whatever is not listed falls back to pekko's default handler, whose plain-text answer
 * is rewrapped as a problem so that every error body has the same shape.
 */
public final class ProblemRejectionHandler {

  /** Causes are unwrapped at most this deep: a loop in a cause chain must not hang the handler. */
  private static final int MAX_CAUSE_DEPTH = 8;

  private ProblemRejectionHandler() {
  }

  /** @param json the limits to name when a JSON body breaks one */
  public static RejectionHandler create(HttpSettings.JsonLimits json) {
    return RejectionHandler.newBuilder()
        .handle(AuthenticationFailedRejection.class, r -> Problems.complete(StatusCodes.UNAUTHORIZED,
            "unauthorized", "Unauthorized", "A valid bearer token is required.",
            List.of(WWWAuthenticate.create(r.challenge()))))
        .handle(AuthorizationFailedRejection.class, r -> Problems.complete(StatusCodes.FORBIDDEN, "forbidden",
            "Forbidden", "The token's roles do not allow this request."))
        .handle(MalformedRequestContentRejection.class, r -> malformedContent(r.getCause(), json))
        .handle(RequestEntityExpectedRejection.class, r -> Problems.complete(StatusCodes.BAD_REQUEST,
            "missing-body", "Request body required", "This request needs a body."))
        .handleAll(UnsupportedRequestContentTypeRejection.class, rs -> Problems.complete(
            StatusCodes.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
            "Expected a body of type " + rs.stream().flatMap(r -> r.getSupported().stream())
                .map(Object::toString).distinct().collect(Collectors.joining(" or ")) + "."))
        .handle(MissingQueryParamRejection.class, r -> badRequest("missing-parameter", "Missing query parameter",
            "Query parameter '" + r.parameterName() + "' is required."))
        .handle(MalformedQueryParamRejection.class, r -> badRequest("invalid-parameter", "Invalid query parameter",
            "Query parameter '" + r.parameterName() + "' is invalid: " + r.errorMsg()))
        .handle(InvalidRequiredValueForQueryParamRejection.class, r -> badRequest("invalid-parameter",
            "Invalid query parameter", "Query parameter '" + r.parameterName() + "' must be '"
                + r.expectedValue() + "'."))
        .handle(MissingHeaderRejection.class, r -> badRequest("missing-header", "Missing header",
            "Header '" + r.headerName() + "' is required."))
        .handle(MalformedHeaderRejection.class, r -> badRequest("invalid-header", "Invalid header",
            "Header '" + r.headerName() + "' is invalid: " + r.errorMsg()))
        .handle(ValidationRejection.class, r -> badRequest("invalid-request", "Invalid request", r.message()))
        .handleAll(UnacceptedResponseContentTypeRejection.class, rs -> Problems.complete(
            StatusCodes.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
            "This resource answers in a media type the Accept header excludes."))
        .handleAll(MethodRejection.class, ProblemRejectionHandler::methodNotAllowed)
        .handleNotFound(Problems.complete(StatusCodes.NOT_FOUND, "not-found", "Not found",
            "There is no resource at this path."))
        .build()
        .withFallback(RejectionHandler.defaultHandler())
        .mapRejectionResponse(ProblemRejectionHandler::asProblem);
  }

  private static Route methodNotAllowed(List<MethodRejection> rejections) {
    List<HttpMethod> methods = rejections.stream().map(MethodRejection::supported).distinct().toList();
    String names = methods.stream().map(HttpMethod::value).collect(Collectors.joining(", "));
    List<HttpHeader> allow = List.of(Allow.create(methods.toArray(new HttpMethod[0])));
    return Problems.complete(StatusCodes.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
        "This resource supports " + names + ".", allow);
  }

  /** The body could not be read: too large (413), too deep (400), not JSON (400) or not the expected shape (400). */
  static Route malformedContent(Throwable cause, HttpSettings.JsonLimits json) {
    Optional<EntityStreamSizeException> tooLarge = find(cause, EntityStreamSizeException.class);
    if (tooLarge.isPresent()) {
      return ProblemExceptionHandler.tooLarge(tooLarge.get().limit());
    }
    Optional<StreamConstraintsException> constraint = find(cause, StreamConstraintsException.class);
    if (constraint.isPresent()) {
      // Jackson's own message names its Java API; the client gets the limit in our words.
      boolean depth = String.valueOf(constraint.get().getMessage()).contains("nesting depth");
      return badRequest("json-limit-exceeded", "JSON too large or too deep", depth
          ? "The JSON body is nested deeper than " + json.maxNestingDepth() + " levels."
          : "The JSON body holds a number, string or name longer than the parser accepts.");
    }
    Optional<JsonParseException> parse = find(cause, JsonParseException.class);
    if (parse.isPresent()) {
      return badRequest("malformed-json", "Malformed JSON", "The body is not valid JSON" + where(parse.get()) + ".");
    }
    Optional<JsonMappingException> mapping = find(cause, JsonMappingException.class);
    if (mapping.isPresent()) {
      // Only the JSON path: Jackson's own message names Java types, which are none of the client's business.
      return badRequest("invalid-body", "Invalid request body",
          "The body does not have the expected shape" + at(mapping.get()) + ".");
    }
    return badRequest("malformed-body", "Malformed request body", "The request body could not be read.");
  }

  private static Route badRequest(String slug, String title, String detail) {
    return Problems.complete(StatusCodes.BAD_REQUEST, slug, title, detail);
  }

  private static String where(JsonProcessingException e) {
    var location = e.getLocation();
    return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String at(JsonMappingException e) {
    if (e.getPath().isEmpty()) {
      return "";
    }
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining());
    return " at '" + (path.startsWith(".") ? path.substring(1) : path) + "'";
  }

  private static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
    Throwable t = e;
    for (int i = 0; t != null && i < MAX_CAUSE_DEPTH; i++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  /** A response from pekko's default handler (plain text) as a problem with the same status and text. */
  private static HttpResponse asProblem(HttpResponse response) {
    if (response.entity().getContentType().equals(Problems.PROBLEM_JSON_TYPE)
        || !(response.entity() instanceof HttpEntity.Strict strict)) {
      return response;
    }
    String text = strict.getData().utf8String();
    var status = response.status();
    Problem problem = new Problem(Problem.typeUri("http-" + status.intValue()), status.reason(), status.intValue(),
        text.isBlank() ? null : text, null, null);
    return Problems.response(problem, response.getHeaders());
  }
}
