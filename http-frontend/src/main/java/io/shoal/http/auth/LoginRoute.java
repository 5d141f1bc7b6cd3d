package io.shoal.http.auth;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.extractMaterializer;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.shoal.persistence.users.UserRepository;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamException;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/auth/token} with {@code {"username": ..., "password": ...}}: 200 with
 * {@code {token, expiresAt, roles}}, or 401 problem+json with one message for an unknown user and a wrong
 * password. A malformed body is 400, a non-JSON one 415, an oversized one 413; a busy or unreachable user store
 * 503: every answer is a problem body, none a 5xx from a stack trace. The body is read and parsed here (bounded by
 * {@code login.max-body-bytes}) so the route does not depend on how the server maps rejections.
 */
public final class LoginRoute {

  private static final Logger LOG = LoggerFactory.getLogger(LoginRoute.class);

  /** Where {@link #route()} answers, below {@code /api/v1}. */
  public static final String PATH = "/auth/token";

  static final String WRONG_CREDENTIALS = "unknown user or wrong password";

  /** A login body is two strings; anything nested deeper is not one. */
  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).build())
          .build())
      .build();

  private final PasswordLogin login;
  private final TokenIssuer issuer;
  private final LoginSettings settings;

  public LoginRoute(PasswordLogin login, TokenIssuer issuer, LoginSettings settings) {
    this.login = Objects.requireNonNull(login, "login");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The login of a running API: users from {@code users}, blocking work on the
   * {@value LoginSettings#BLOCKING_DISPATCHER}, tokens signed with the HS256 secret of {@code jwt}.
   *
   * @throws IllegalArgumentException when {@code jwt} has no HS256 secret (RS256-only installations log in at their
   *                                  identity provider)
   */
  public static LoginRoute create(
      ClassicActorSystemProvider system, UserRepository users, JwtSettings jwt, LoginSettings login) {
    return new LoginRoute(PasswordLogin.create(system, users, login), new TokenIssuer(jwt), login);
  }

  /** The route, relative to {@code /api/v1} like the resource routes; mount it only when login is enabled. */
  public Route route() {
    return pathPrefix("auth", () -> path("token", () -> post(() ->
        extractRequestEntity(entity -> extractMaterializer(materializer ->
            completeWithFuture(respond(entity, materializer)))))));
  }

  private CompletionStage<HttpResponse> respond(RequestEntity entity, Materializer materializer) {
    if (!isJson(entity.getContentType())) {
      entity.discardBytes(materializer);
      return CompletableFuture.completedFuture(AuthProblems.problem(StatusCodes.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-media-type", "Unsupported media type", "send the login as application/json"));
    }
    // A declared length over the bound is refused before a byte is read (toStrict would report it as a generic
    // stream error); an undeclared (chunked) one is cut off by toStrict's own bound.
    if (entity.getContentLengthOption().orElse(0L) > settings.maxBodyBytes()) {
      entity.discardBytes(materializer);
      return CompletableFuture.completedFuture(tooLarge());
    }
    return entity.toStrict(settings.bodyTimeout().toMillis(), settings.maxBodyBytes(), materializer)
        .thenCompose(this::authenticate)
        .exceptionally(LoginRoute::failure);
  }

  private CompletionStage<HttpResponse> authenticate(HttpEntity.Strict body) {
    Credentials credentials = Credentials.parse(body.getData().toArray());
    if (credentials == null) {
      return CompletableFuture.completedFuture(AuthProblems.problem(StatusCodes.BAD_REQUEST, "malformed-login",
          "Malformed login", "the body must be a JSON object {\"username\": string, \"password\": string}"));
    }
    return login.login(credentials.username(), credentials.password()).thenApply(principal -> principal
        .map(this::token)
        .orElseGet(() -> AuthProblems.unauthorized(WRONG_CREDENTIALS, false)));
  }

  private HttpResponse token(Principal principal) {
    IssuedToken issued = issuer.issue(principal.subject(), principal.roles());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", issued.token());
    body.put("expiresAt", issued.expiresAt().toString());
    body.put("roles", issued.roles().stream().map(Role::claim).sorted().toList());
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    // RFC 6749 §5.1: a response carrying a token must not be cached by anything on the way.
    return HttpResponse.create()
        .withStatus(StatusCodes.OK)
        .addHeaders(List.<HttpHeader>of(CacheControl.create(CacheDirectives.NO_STORE)))
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json));
  }

  /** Whatever failed on the way becomes a problem body with a 4xx or 503, never a 500. */
  private static HttpResponse failure(Throwable thrown) {
    Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    if (cause instanceof EntityStreamSizeException) {
      return tooLarge();
    }
    if (cause instanceof EntityStreamException streamError && streamError.info().summary().contains("too large")) {
      // How pekko-http's toStrict reports a chunked body that passed its bound.
      return tooLarge();
    }
    if (cause instanceof EntityStreamException) {
      return AuthProblems.problem(StatusCodes.BAD_REQUEST, "malformed-login", "Malformed login",
          "the request body could not be read");
    }
    if (cause instanceof TimeoutException) {
      return AuthProblems.problem(StatusCodes.REQUEST_TIMEOUT, "request-timeout", "Request body too slow",
          "the login body did not arrive in time");
    }
    if (cause instanceof LoginBusyException) {
      return AuthProblems.problem(StatusCodes.SERVICE_UNAVAILABLE, "login-busy", "Too many logins",
              "too many logins in progress; retry in a moment")
          .addHeaders(List.<HttpHeader>of(RetryAfter.create(1L)));
    }
    // The user store is unreachable (or a bug): the client learns only that login is unavailable; the log has the
    // cause, which never holds a password (PasswordLogin passes none into exceptions).
    LOG.warn("login failed: {}", cause.toString());
    return AuthProblems.problem(StatusCodes.SERVICE_UNAVAILABLE, "login-unavailable", "Login unavailable",
        "login is unavailable at the moment; retry later");
  }

  private static HttpResponse tooLarge() {
    return AuthProblems.problem(StatusCodes.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large",
        "a login body is at most a few hundred bytes");
  }

  private static boolean isJson(ContentType contentType) {
    String subType = contentType.mediaType().subType();
    return contentType.mediaType().isApplication() && (subType.equals("json") || subType.endsWith("+json"));
  }

  /** The two fields of a login body; {@code parse} returns null for anything else. */
  private record Credentials(String username, String password) {

    static Credentials parse(byte[] json) {
      JsonNode root;
      try {
        root = MAPPER.readTree(json);
      } catch (IOException e) {
        return null;
      }
      if (root == null || !root.isObject()) {
        return null;
      }
      JsonNode username = root.get("username");
      JsonNode password = root.get("password");
      if (username == null || password == null || !username.isTextual() || !password.isTextual()
          || username.asText().isEmpty() || password.asText().isEmpty()) {
        return null;
      }
      return new Credentials(username.asText(), password.asText());
    }

    @Override
    public String toString() {
      return "Credentials[username=" + username + "]";
    }
  }
}
