package io.shoal.http.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;

/** Settings, keys and hand-made tokens shared by the auth tests. */
final class TestTokens {

  static final String SECRET = "test-only-secret-0123456789-abcdefghij";
  static final String OTHER_SECRET = "another-secret-0123456789-abcdefghijkl";
  static final String ISSUER = "shoal";
  static final String AUDIENCE = "shoal-api";
  static final Duration SKEW = Duration.ofSeconds(30);

  private TestTokens() {}

  static JwtSettings hs256Only() {
    return new JwtSettings(ISSUER, AUDIENCE, SECRET, "", SKEW, Duration.ofHours(1), "");
  }

  static JwtSettings rs256Only(RSAPublicKey key) {
    return new JwtSettings(ISSUER, AUDIENCE, "", RsaPublicKeys.toPem(key), SKEW, Duration.ofHours(1), "");
  }

  static JwtSettings both(RSAPublicKey key) {
    return new JwtSettings(ISSUER, AUDIENCE, SECRET, RsaPublicKeys.toPem(key), SKEW, Duration.ofHours(1), "");
  }

  static Algorithm hs256() {
    return Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8));
  }

  static Algorithm rs256(KeyPair pair) {
    return Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
  }

  static KeyPair rsaKeyPair(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid token for {@code subject} with {@code roles}, after {@code customize} had its say. */
  static String token(Algorithm algorithm, String subject, String[] roles, Consumer<JWTCreator.Builder> customize) {
    Instant now = Instant.now();
    JWTCreator.Builder builder = JWT.create()
        .withIssuer(ISSUER)
        .withAudience(AUDIENCE)
        .withSubject(subject)
        .withArrayClaim("roles", roles)
        .withIssuedAt(now)
        .withNotBefore(now)
        .withExpiresAt(now.plusSeconds(600));
    customize.accept(builder);
    return builder.sign(algorithm);
  }

  static String token(String... roles) {
    return token(hs256(), "tester", roles, builder -> {});
  }

  /**
   * An unsigned token as an attacker would write it by hand: header {@code {"alg":"none"}}, a payload with every
   * claim right, and an empty signature.
   */
  static String algNone(String roles) {
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    String payload = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"mallory\",\"roles\":["
        + roles + "],\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + 600) + "}";
    return base64Url(header) + "." + base64Url(payload) + ".";
  }

  static String base64Url(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
