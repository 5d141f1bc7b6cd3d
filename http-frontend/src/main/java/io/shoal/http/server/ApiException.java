package io.shoal.http.server;

import java.util.Objects;
import org.apache.pekko.http.javadsl.model.StatusCode;

/**
 * A request that cannot be served, with what the client should be told: the server's exception handler turns it
 * into an RFC 7807 {@code application/problem+json} response with this status, title and detail. The detail must
 * be safe to show (no stack traces, no secrets).
 *
 * @param type a short stable slug for the problem type (e.g. "invalid-pen-id"), rendered as the problem's type URI
 */
public final class ApiException extends RuntimeException {

  private final StatusCode status;
  private final String type;
  private final String title;

  public ApiException(StatusCode status, String type, String title, String detail) {
    super(detail);
    this.status = Objects.requireNonNull(status, "status");
    this.type = Objects.requireNonNull(type, "type");
    this.title = Objects.requireNonNull(title, "title");
  }

  public StatusCode status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }
}
