package io.shoal.http.auth;

import static io.shoal.http.auth.TestTokens.SECRET;
import static io.shoal.http.auth.TestTokens.hs256;
import static io.shoal.http.auth.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JwtAuthenticator without HTTP: what it accepts, what it refuses, and what it says when it does. */
class JwtAuthenticatorTest {

  private static final KeyPair RSA = TestTokens.rsaKeyPair(2048);
  private static final KeyPair OTHER_RSA = TestTokens.rsaKeyPair(2048);

  private final JwtAuthenticator hsOnly = JwtAuthenticator.fromSettings(TestTokens.hs256Only());
  private final JwtAuthenticator rsOnly =
      JwtAuthenticator.fromSettings(TestTokens.rs256Only((RSAPublicKey) RSA.getPublic()));
  private final JwtAuthenticator both = JwtAuthenticator.fromSettings(TestTokens.both((RSAPublicKey) RSA.getPublic()));

  @ParameterizedTest
  @EnumSource(Role.class)
  void acceptsAValidTokenForEachRole(Role role) throws Exception {
    Principal principal = hsOnly.authenticate(token(role.claim()));

    assertThat(principal.subject()).isEqualTo("tester");
    assertThat(principal.roles()).containsExactly(role);
  }

  @Test
  void ignoresUnknownRolesButKeepsKnownOnes() throws Exception {
    assertThat(hsOnly.authenticate(token("viewer", "billing-admin", "OPERATOR")).roles())
        .containsExactly(Role.VIEWER);
  }

  @Test
  void refusesATokenWithNoKnownRoleOrNoRolesArray() {
    assertRefused(hsOnly, token("billing-admin"), "no Shoal role");
    assertRefused(hsOnly, token(), "no Shoal role");
    assertRefused(hsOnly, token(hs256(), "tester", new String[0], b -> b.withClaim("roles", "admin")), "roles claim");
    assertRefused(hsOnly, token(hs256(), "tester", new String[0], b -> b.withNullClaim("roles")), "roles claim");
  }

  @Test
  void refusesExpiredTokensBeyondTheSkewOnly() throws Exception {
    Instant now = Instant.now();
    assertRefused(hsOnly, token(hs256(), "tester", new String[] {"viewer"},
        b -> b.withIssuedAt(now.minusSeconds(600)).withNotBefore(now.minusSeconds(600))
            .withExpiresAt(now.minusSeconds(31 + 5))), "expired");
    // 10 s past exp is inside the 30 s skew: clocks that disagree a little must not lock callers out.
    assertThat(hsOnly.authenticate(token(hs256(), "tester", new String[] {"viewer"},
        b -> b.withIssuedAt(now.minusSeconds(600)).withNotBefore(now.minusSeconds(600))
            .withExpiresAt(now.minusSeconds(10)))).subject()).isEqualTo("tester");
  }

  @Test
  void refusesTokensNotValidYetBeyondTheSkewOnly() throws Exception {
    Instant now = Instant.now();
    assertRefused(hsOnly, token(hs256(), "tester", new String[] {"viewer"},
        b -> b.withNotBefore(now.plusSeconds(120))), "not valid yet");
    assertThat(hsOnly.authenticate(token(hs256(), "tester", new String[] {"viewer"},
        b -> b.withNotBefore(now.plusSeconds(10)))).subject()).isEqualTo("tester");
  }

  @Test
  void refusesATokenWithoutExpiry() {
    String token = JWT.create().withIssuer("shoal").withAudience("shoal-api").withSubject("tester")
        .withArrayClaim("roles", new String[] {"admin"}).sign(hs256());

    assertRefused(hsOnly, token, "required claim (exp)");
  }

  @Test
  void refusesWrongSignatureIssuerAudienceOrSubject() {
    Algorithm otherSecret = Algorithm.HMAC256(TestTokens.OTHER_SECRET.getBytes(StandardCharsets.UTF_8));
    assertRefused(hsOnly, token(otherSecret, "tester", new String[] {"admin"}, b -> {}), "signature");
    assertRefused(hsOnly, token(hs256(), "tester", new String[] {"admin"}, b -> b.withIssuer("evil")), "issuer");
    assertRefused(hsOnly, token(hs256(), "tester", new String[] {"admin"}, b -> b.withIssuer(null)), "iss");
    assertRefused(hsOnly, token(hs256(), "tester", new String[] {"admin"}, b -> b.withAudience("other-api")),
        "audience");
    assertRefused(hsOnly, token(hs256(), "tester", new String[] {"admin"}, b -> b.withAudience((String[]) null)),
        "aud");
    assertRefused(hsOnly, token(hs256(), "tester", new String[] {"admin"}, b -> b.withSubject(null)), "subject");
  }

  @Test
  void refusesATamperedPayload() {
    String[] parts = token("viewer").split("\\.");
    String forged = parts[0] + "." + TestTokens.base64Url(new String(
        java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("viewer", "admin"))
        + "." + parts[2];

    assertRefused(hsOnly, forged, "signature");
  }

  @Test
  void refusesUnsignedTokensWhateverIsConfigured() {
    assertRefused(hsOnly, TestTokens.algNone("\"admin\""), "alg none");
    assertRefused(rsOnly, TestTokens.algNone("\"admin\""), "alg none");
    assertRefused(both, TestTokens.algNone("\"admin\""), "alg none");
    // The same with a signature tacked on, and with the case changed: still no.
    assertRefused(hsOnly, TestTokens.algNone("\"admin\"") + "c2lnbmF0dXJl", "alg none");
    String nOnE = TestTokens.base64Url("{\"alg\":\"nOnE\"}") + "." + TestTokens.algNone("\"admin\"").split("\\.")[1]
        + ".";
    assertRefused(hsOnly, nOnE, "alg none");
  }

  @Test
  void refusesAlgorithmsThatAreNotConfigured() {
    String rs256 = token(TestTokens.rs256(RSA), "tester", new String[] {"admin"}, b -> {});
    String hs256 = token("admin");
    String hs512 = token(Algorithm.HMAC512(SECRET.getBytes(StandardCharsets.UTF_8)), "tester",
        new String[] {"admin"}, b -> {});

    assertRefused(hsOnly, rs256, "algorithm RS256 is not accepted here (accepted: HS256)");
    assertRefused(rsOnly, hs256, "algorithm HS256 is not accepted here (accepted: RS256)");
    assertRefused(hsOnly, hs512, "algorithm HS512 is not accepted");
  }

  @Test
  void acceptsRs256FromTheConfiguredKeyOnly() throws Exception {
    assertThat(rsOnly.authenticate(token(TestTokens.rs256(RSA), "idp-user", new String[] {"operator"}, b -> {}))
        .roles()).containsExactly(Role.OPERATOR);
    assertThat(both.authenticate(token(TestTokens.rs256(RSA), "idp-user", new String[] {"viewer"}, b -> {}))
        .subject()).isEqualTo("idp-user");
    assertThat(both.authenticate(token("camera")).roles()).containsExactly(Role.CAMERA);

    assertRefused(rsOnly, token(TestTokens.rs256(OTHER_RSA), "idp-user", new String[] {"admin"}, b -> {}),
        "signature");
  }

  @Test
  void refusesTheKeyConfusionAttack() {
    // The classic RS256 -> HS256 downgrade: an HS256 token "signed" with the public key's PEM as HMAC secret. The
    // HS256 verifier uses the configured secret only, so the public key is worth nothing as a signing key.
    byte[] publicPem = RsaPublicKeys.toPem((RSAPublicKey) RSA.getPublic()).getBytes(StandardCharsets.US_ASCII);
    String forged = token(Algorithm.HMAC256(publicPem), "mallory", new String[] {"admin"}, b -> {});

    assertRefused(both, forged, "signature");
  }

  @Test
  void refusesGarbageWithoutRepeatingIt() {
    for (String garbage : new String[] {"", "   ", "not-a-jwt", "a.b.c", "x.y", "....", "eyJhbGciOiJIUzI1NiJ9.%%%.x",
        TestTokens.base64Url("{\"alg\":\"HS256\"}") + "." + TestTokens.base64Url("[1,2]") + ".sig",
        TestTokens.base64Url("{}") + "." + TestTokens.base64Url("{}") + ".sig",
        TestTokens.base64Url("{\"alg\":\"<script>alert(1)</script>\"}") + ".e30.sig",
        "x".repeat(JwtAuthenticator.MAX_TOKEN_CHARS + 1)}) {
      assertThatThrownBy(() -> hsOnly.authenticate(garbage))
          .isInstanceOf(AuthenticationException.class)
          .satisfies(e -> {
            if (garbage.length() > 3) {
              assertThat(e.getMessage()).doesNotContain(garbage).doesNotContain("<script>");
            }
          });
    }
    assertRefused(hsOnly, null, "no bearer token");
  }

  @Test
  void messagesNeverContainTheToken() {
    String expired = token(hs256(), "tester", new String[] {"admin"},
        b -> b.withIssuedAt(Instant.now().minusSeconds(7200)).withNotBefore(Instant.now().minusSeconds(7200))
            .withExpiresAt(Instant.now().minusSeconds(3600)));
    assertThatThrownBy(() -> hsOnly.authenticate(expired))
        .hasMessageNotContaining(expired)
        .hasMessageNotContaining(expired.split("\\.")[1])
        .hasMessageNotContaining(expired.split("\\.")[2]);
  }

  @Test
  void needsAtLeastOneAlgorithmAndAGoodSecretOrKey() {
    assertThatThrownBy(() -> JwtAuthenticator.fromSettings(
        new JwtSettings("shoal", "shoal-api", "", "", TestTokens.SKEW, java.time.Duration.ofHours(1), "")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHOAL_JWT_SECRET");
    assertThatThrownBy(() -> new JwtSettings("shoal", "shoal-api", "too-short-secret", "", TestTokens.SKEW,
        java.time.Duration.ofHours(1), ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes")
        .hasMessageNotContaining("too-short-secret");
    assertThatThrownBy(() -> JwtAuthenticator.fromSettings(
        TestTokens.rs256Only((RSAPublicKey) TestTokens.rsaKeyPair(1024).getPublic())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2048");
    assertThat(hsOnly.algorithms()).containsExactly("HS256");
    assertThat(both.algorithms()).containsExactlyInAnyOrder("HS256", "RS256");
    assertThat(TestTokens.hs256Only().toString()).doesNotContain(SECRET);
  }

  @Test
  void issuedTokensAreAcceptedWithTheirClaims() throws Exception {
    IssuedToken issued = new TokenIssuer(TestTokens.hs256Only()).issue("ops-1", Set.of(Role.OPERATOR, Role.VIEWER));

    Principal principal = hsOnly.authenticate(issued.token());
    assertThat(principal.subject()).isEqualTo("ops-1");
    assertThat(principal.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.VIEWER);

    var decoded = JWT.decode(issued.token());
    assertThat(decoded.getAlgorithm()).isEqualTo("HS256");
    assertThat(decoded.getIssuer()).isEqualTo("shoal");
    assertThat(decoded.getAudience()).containsExactly("shoal-api");
    assertThat(decoded.getClaim("roles").asList(String.class)).containsExactly("operator", "viewer");
    assertThat(decoded.getIssuedAtAsInstant()).isNotNull();
    assertThat(decoded.getNotBeforeAsInstant()).isEqualTo(decoded.getIssuedAtAsInstant());
    assertThat(decoded.getExpiresAtAsInstant()).isEqualTo(issued.expiresAt())
        .isEqualTo(decoded.getIssuedAtAsInstant().plusSeconds(3600));
    assertThat(issued.toString()).doesNotContain(issued.token());
    // A token issued under another secret is worthless here.
    assertRefused(JwtAuthenticator.fromSettings(new JwtSettings("shoal", "shoal-api", TestTokens.OTHER_SECRET, "",
        TestTokens.SKEW, java.time.Duration.ofHours(1), "")), issued.token(), "signature");
  }

  private static void assertRefused(JwtAuthenticator authenticator, String token, String reason) {
    AbstractThrowableAssert<?, ?> refused = assertThatThrownBy(() -> authenticator.authenticate(token))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining(reason);
    if (token != null && !token.isEmpty()) {
      refused.hasMessageNotContaining(token);
    }
  }
}
