package io.shoal.http.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * An RFC 7807 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type      a URI naming the kind of problem ({@code urn:shoal:problem:<slug>}: stable, not meant to resolve)
 * @param title     a short summary of that kind, the same for every occurrence
 * @param status    the HTTP status code, repeated for clients that only keep the body
 * @param detail    what went wrong with this request, safe to show (never a stack trace)
 * @param instance  the request path it happened on
 * @param requestId the request's X-Request-Id, to find the server's log lines for it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId) {

  /** The prefix of every problem type; a URN because there is no documentation site to point at. */
  public static final String TYPE_PREFIX = "urn:shoal:problem:";

  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
  }

  /** The type URI for a slug such as {@code "invalid-pen-id"}. */
  public static String typeUri(String slug) {
    return TYPE_PREFIX + slug;
  }
}
