package io.shoal.http.auth;

import static io.shoal.http.auth.GuardDirectivesTest.assertProblem;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.shoal.persistence.users.UserRepository;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POST /api/v1/auth/token on a real port against a real, migrated PostgreSQL, with the admin bootstrapped the way
 * a node does it. A second mount of the route uses a closed pool: the database going away.
 */
class LoginRouteTest {

  private static final String ADMIN = "root";
  private static final String ADMIN_PASSWORD = "correct horse battery staple";
  /** bcrypt's floor keeps the suite fast; the cost does not change what is tested here. */
  private static final LoginSettings SETTINGS =
      new LoginSettings(true, 4, 4096, Duration.ofSeconds(5), 8, ADMIN, ADMIN_PASSWORD);

  private static TestDatabase db;
  private static UserRepository users;
  private static HttpTestServer server;
  private static HikariDataSource closedPool;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.start();
    users = new UserRepository(db.dataSource);
    assertThat(AdminBootstrap.run(users, SETTINGS)).isEqualTo(AdminBootstrap.Outcome.CREATED);
    closedPool = db.anotherPool();
    closedPool.close();
    TokenIssuer issuer = new TokenIssuer(TestTokens.hs256Only());
    server = HttpTestServer.start("login-test", system -> {
      Route up = LoginRoute.create(system, users, TestTokens.hs256Only(), SETTINGS).route();
      Route down = new LoginRoute(
          PasswordLogin.create(system, new UserRepository(closedPool), SETTINGS), issuer, SETTINGS).route();
      return concat(
          pathPrefix("api", () -> pathPrefix("v1", () -> up)),
          pathPrefix("down", () -> pathPrefix("api", () -> pathPrefix("v1", () -> down))));
    });
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void theRightPasswordGetsATokenTheAuthenticatorAccepts() throws Exception {
    HttpResponse<String> response = login("/api/v1/auth/token", credentials(ADMIN, ADMIN_PASSWORD));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = HttpTestServer.json(response);
    assertThat(body.get("roles").toString()).isEqualTo("[\"admin\"]");
    String token = body.get("token").asText();
    Principal principal = JwtAuthenticator.fromSettings(TestTokens.hs256Only()).authenticate(token);
    assertThat(principal.subject()).isEqualTo(ADMIN);
    assertThat(principal.roles()).containsExactly(Role.ADMIN);
    Instant expiresAt = Instant.parse(body.get("expiresAt").asText());
    assertThat(JWT.decode(token).getExpiresAtAsInstant()).isEqualTo(expiresAt);
    assertThat(expiresAt).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));
  }

  @Test
  void anUnknownUserAndAWrongPasswordGetTheSame401() throws Exception {
    HttpResponse<String> wrongPassword = login("/api/v1/auth/token", credentials(ADMIN, "not the password"));
    HttpResponse<String> unknownUser = login("/api/v1/auth/token", credentials("nobody", ADMIN_PASSWORD));
    HttpResponse<String> overlong = login("/api/v1/auth/token", credentials(ADMIN, "p".repeat(100)));

    for (HttpResponse<String> response : List.of(wrongPassword, unknownUser, overlong)) {
      assertProblem(response, 401, "urn:shoal:problem:unauthorized");
      assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(response.body()).doesNotContain(ADMIN_PASSWORD).doesNotContain("not the password");
    }
    assertThat(wrongPassword.body()).isEqualTo(unknownUser.body()).isEqualTo(overlong.body());
  }

  @Test
  void rolesComeFromTheUsersRowAndAUserWithoutAShoalRoleCannotLogIn() throws Exception {
    users.create("watcher", hash("watcher-password-1"), List.of("viewer", "billing"));
    users.create("stranger", hash("stranger-password-1"), List.of("billing"));

    HttpResponse<String> watcher = login("/api/v1/auth/token", credentials("watcher", "watcher-password-1"));
    assertThat(watcher.statusCode()).isEqualTo(200);
    assertThat(HttpTestServer.json(watcher).get("roles").toString()).isEqualTo("[\"viewer\"]");

    assertProblem(login("/api/v1/auth/token", credentials("stranger", "stranger-password-1")), 401,
        "urn:shoal:problem:unauthorized");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "not json", "[]", "null", "\"root\"", "{\"username\":\"root\"}",
      "{\"username\":1,\"password\":\"x\"}", "{\"username\":\"root\",\"password\":null}",
      "{\"username\":\"\",\"password\":\"x\"}", "{\"username\":\"root\",\"password\":{\"a\":{\"b\":{\"c\":{}}}}}"})
  void aMalformedBodyIs400(String body) throws Exception {
    HttpResponse<String> response = login("/api/v1/auth/token", body);

    assertProblem(response, 400, "urn:shoal:problem:malformed-login");
  }

  @Test
  void aNonJsonBodyIs415AndAnOversizedOneIs413() throws Exception {
    HttpResponse<String> form = server.send(HttpRequest.newBuilder(server.uri("/api/v1/auth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=root&password=x")));
    assertProblem(form, 415, "urn:shoal:problem:unsupported-media-type");

    String huge = "{\"username\":\"root\",\"password\":\"" + "x".repeat(10_000) + "\"}";
    assertProblem(login("/api/v1/auth/token", huge), 413, "urn:shoal:problem:payload-too-large");
    // The same without a Content-Length (chunked): cut off while it is read.
    HttpResponse<String> chunked = server.send(HttpRequest.newBuilder(server.uri("/api/v1/auth/token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    assertProblem(chunked, 413, "urn:shoal:problem:payload-too-large");
  }

  @Test
  void otherMethodsDoNotReachTheLogin() throws Exception {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/auth/token")).GET());

    assertThat(response.statusCode()).isBetween(400, 499);
  }

  @Test
  void anUnreachableUserStoreIs503NotA500() throws Exception {
    HttpResponse<String> response = login("/down/api/v1/auth/token", credentials(ADMIN, ADMIN_PASSWORD));

    assertProblem(response, 503, "urn:shoal:problem:login-unavailable");
    assertThat(response.body()).doesNotContain("Hikari").doesNotContain("SQL");
  }

  private static HttpResponse<String> login(String path, String body) throws Exception {
    return server.send(HttpRequest.newBuilder(server.uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static String credentials(String username, String password) throws Exception {
    return HttpTestServer.JSON.writeValueAsString(java.util.Map.of("username", username, "password", password));
  }

  private static String hash(String password) {
    return BCrypt.withDefaults().hashToString(4, password.toCharArray());
  }
}
