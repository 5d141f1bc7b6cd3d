package io.shoal.http.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;

/**
 * The few RFC 7807 bodies the guard and the login route answer with, built here so that this package does not
 * depend on the server's error handling (built alongside); same shape and type URIs
 * ({@code urn:shoal:problem:<slug>}) as {@code io.shoal.http.server.Problem}, minus the per-request fields.
 */
final class AuthProblems {

  static final ContentType PROBLEM_JSON =
      MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8, "json").toContentType();

  private static final String TYPE_PREFIX = "urn:shoal:problem:";
  private static final String REALM = "shoal";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuthProblems() {}

  /**
   * 401 with the RFC 6750 challenge: a bare one when no token came, {@code error="invalid_token"} when one was
   * refused, so that clients can tell "log in" from "log in again".
   */
  static HttpResponse unauthorized(String detail, boolean tokenPresented) {
    HttpChallenge challenge = tokenPresented
        ? HttpChallenge.create("Bearer", REALM, Map.of("error", "invalid_token"))
        : HttpChallenge.create("Bearer", REALM);
    return problem(StatusCodes.UNAUTHORIZED, "unauthorized", "Authentication required", detail)
        .addHeaders(List.<HttpHeader>of(WWWAuthenticate.create(challenge)));
  }

  static HttpResponse forbidden(String detail) {
    return problem(StatusCodes.FORBIDDEN, "forbidden", "Not allowed for your roles", detail);
  }

  static HttpResponse problem(StatusCode status, String slug, String title, String detail) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", TYPE_PREFIX + slug);
    body.put("title", title);
    body.put("status", status.intValue());
    body.put("detail", detail);
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // Four plain values always serialise; this only keeps the checked exception out of every caller.
      throw new IllegalStateException(e);
    }
    return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(PROBLEM_JSON, json));
  }
}
