package io.shoal.http.auth;

import static io.shoal.http.auth.TestTokens.hs256;
import static io.shoal.http.auth.TestTokens.token;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard on a real port: routes with the API's kinds of role sets, called over HTTP with good and bad tokens.
 * Two servers: one verifying HS256 only, one RS256 only, so each refuses the other's tokens.
 */
class GuardDirectivesTest {

  private static final KeyPair RSA = TestTokens.rsaKeyPair(2048);

  private static HttpTestServer hsServer;
  private static HttpTestServer rsServer;

  @BeforeAll
  static void start() throws Exception {
    hsServer = HttpTestServer.start("guard-hs256",
        system -> routes(new GuardDirectives(JwtAuthenticator.fromSettings(TestTokens.hs256Only()))));
    rsServer = HttpTestServer.start("guard-rs256", system -> routes(new GuardDirectives(
        JwtAuthenticator.fromSettings(TestTokens.rs256Only((RSAPublicKey) RSA.getPublic())))));
  }

  @AfterAll
  static void stop() throws Exception {
    for (HttpTestServer server : new HttpTestServer[] {hsServer, rsServer}) {
      if (server != null) {
        server.close();
      }
    }
  }

  /** The API's three kinds of role sets: reading, operating, uploading frames (admin is implied in each). */
  private static Route routes(Guard guard) {
    return concat(
        path("read", () -> guard.allow(Set.of(Role.VIEWER, Role.OPERATOR), p -> complete("read:" + p.subject()))),
        path("ack", () -> guard.allow(Set.of(Role.OPERATOR), p -> complete("ack:" + p.subject()))),
        path("upload", () -> guard.allow(Set.of(Role.OPERATOR, Role.CAMERA), p -> complete("upload:" + p.subject()))));
  }

  static Stream<Arguments> roleMatrix() {
    Map<String, Set<Role>> allowed = new LinkedHashMap<>();
    allowed.put("/read", Set.of(Role.VIEWER, Role.OPERATOR, Role.ADMIN));
    allowed.put("/ack", Set.of(Role.OPERATOR, Role.ADMIN));
    allowed.put("/upload", Set.of(Role.OPERATOR, Role.CAMERA, Role.ADMIN));
    return allowed.entrySet().stream().flatMap(route -> Stream.of(Role.values())
        .map(role -> Arguments.of(route.getKey(), role, route.getValue().contains(role) ? 200 : 403)));
  }

  @ParameterizedTest(name = "{1} on {0} -> {2}")
  @MethodSource("roleMatrix")
  void eachRoleGetsExactlyItsRoutes(String path, Role role, int expected) throws Exception {
    HttpResponse<String> response = get(hsServer, path, token(hs256(), "user-" + role.claim(),
        new String[] {role.claim()}, b -> {}));

    assertThat(response.statusCode()).isEqualTo(expected);
    if (expected == 200) {
      assertThat(response.body()).isEqualTo(path.substring(1) + ":user-" + role.claim());
    } else {
      assertProblem(response, 403, "urn:shoal:problem:forbidden");
      assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
      assertThat(json(response).get("detail").asText()).contains(role.claim());
    }
  }

  @Test
  void rolesCombineAcrossAToken() throws Exception {
    String viewerAndCamera = token("viewer", "camera");

    assertThat(get(hsServer, "/read", viewerAndCamera).statusCode()).isEqualTo(200);
    assertThat(get(hsServer, "/upload", viewerAndCamera).statusCode()).isEqualTo(200);
    assertThat(get(hsServer, "/ack", viewerAndCamera).statusCode()).isEqualTo(403);
  }

  @Test
  void missingCredentialsGetABareBearerChallenge() throws Exception {
    for (HttpRequest.Builder request : new HttpRequest.Builder[] {
        HttpRequest.newBuilder(hsServer.uri("/read")),
        HttpRequest.newBuilder(hsServer.uri("/read")).header("Authorization", "Bearer "),
        HttpRequest.newBuilder(hsServer.uri("/read")).header("Authorization", "Bearer")}) {
      HttpResponse<String> response = hsServer.send(request);

      assertProblem(response, 401, "urn:shoal:problem:unauthorized");
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
          assertThat(challenge).startsWith("Bearer").contains("realm=\"shoal\"").doesNotContain("invalid_token"));
    }
  }

  @Test
  void otherSchemesAreRefused() throws Exception {
    HttpResponse<String> response = hsServer.send(HttpRequest.newBuilder(hsServer.uri("/read"))
        .header("Authorization", "Basic YWRtaW46YWRtaW4="));

    assertProblem(response, 401, "urn:shoal:problem:unauthorized");
    assertThat(json(response).get("detail").asText()).contains("Bearer");
  }

  static Stream<Arguments> badTokens() {
    Instant now = Instant.now();
    String[] admin = {"admin"};
    Algorithm otherSecret = Algorithm.HMAC256(TestTokens.OTHER_SECRET.getBytes(StandardCharsets.UTF_8));
    return Stream.of(
        Arguments.of("malformed", "not.a.jwt", "malformed"),
        Arguments.of("garbage", "%%%garbage%%%", "malformed"),
        Arguments.of("expired", token(hs256(), "t", admin, b -> b.withIssuedAt(now.minusSeconds(7200))
            .withNotBefore(now.minusSeconds(7200)).withExpiresAt(now.minusSeconds(3600))), "expired"),
        Arguments.of("not yet valid", token(hs256(), "t", admin, b -> b.withNotBefore(now.plusSeconds(3600))),
            "not valid yet"),
        Arguments.of("wrong signature", token(otherSecret, "t", admin, b -> {}), "signature"),
        Arguments.of("wrong audience", token(hs256(), "t", admin, b -> b.withAudience("elsewhere")), "audience"),
        Arguments.of("wrong issuer", token(hs256(), "t", admin, b -> b.withIssuer("elsewhere")), "issuer"),
        Arguments.of("alg none", TestTokens.algNone("\"admin\""), "alg none"),
        Arguments.of("RS256 when only HS256 is configured",
            token(TestTokens.rs256(RSA), "t", admin, b -> {}), "RS256 is not accepted"),
        Arguments.of("no known role", token("superuser"), "no Shoal role"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void badTokensAre401WithAnInvalidTokenChallenge(String name, String token, String reason) throws Exception {
    for (String path : new String[] {"/read", "/ack", "/upload"}) {
      HttpResponse<String> response = get(hsServer, path, token);

      assertProblem(response, 401, "urn:shoal:problem:unauthorized");
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
      assertThat(json(response).get("detail").asText()).contains(reason);
      assertThat(response.body()).doesNotContain(token);
    }
  }

  @Test
  void theRs256ServerAcceptsItsIdentityProvidersTokensAndRefusesHs256() throws Exception {
    String rs256 = token(TestTokens.rs256(RSA), "idp-user", new String[] {"operator"}, b -> {});
    HttpResponse<String> accepted = get(rsServer, "/ack", rs256);
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(accepted.body()).isEqualTo("ack:idp-user");

    HttpResponse<String> refused = get(rsServer, "/read", token("admin"));
    assertProblem(refused, 401, "urn:shoal:problem:unauthorized");
    assertThat(json(refused).get("detail").asText()).contains("HS256 is not accepted");

    assertProblem(get(rsServer, "/read", TestTokens.algNone("\"admin\"")), 401, "urn:shoal:problem:unauthorized");
    assertProblem(get(rsServer, "/read",
        token(TestTokens.rs256(TestTokens.rsaKeyPair(2048)), "t", new String[] {"admin"}, b -> {})),
        401, "urn:shoal:problem:unauthorized");
  }

  private static HttpResponse<String> get(HttpTestServer server, String path, String token) throws Exception {
    return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token));
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return HttpTestServer.json(response);
  }

  /** A problem+json body with the RFC 7807 members, its status equal to the response's. */
  static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = json(response);
    assertThat(body.get("type").asText()).isEqualTo(type);
    assertThat(body.get("title").asText()).isNotBlank();
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("detail").asText()).isNotBlank();
  }
}
