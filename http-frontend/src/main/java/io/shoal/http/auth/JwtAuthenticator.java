package io.shoal.http.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies bearer tokens with java-jwt: HS256 with the configured secret and/or RS256 with the configured public
 * key, nothing else. {@code iss}, {@code aud} and {@code exp} are required; {@code nbf} and {@code iat}, when
 * present, are checked; all times with {@link JwtSettings#clockSkew()} of leeway. Roles come from the
 * {@code roles} claim (array of strings); unknown roles are ignored and a token with no known role is refused.
 *
 * <p>The header is decoded first only to pick the verifier for its {@code alg} (and to explain a refusal); the
 * verifier is bound to that one algorithm, so a token cannot choose how it is checked. Every refusal message is
 * fixed text (plus at most the algorithm's name): the token, and anything else a caller wrote into it, is never
 * repeated, so messages are safe to return and to log.
 *
 * <p>Thread-safe, CPU only (an HMAC or one RSA verification): fine on pekko-http's threads.
 */
public final class JwtAuthenticator implements Authenticator {

  /** pekko-http bounds header lines at 8 KiB by default; a token longer than that is not one of ours. */
  static final int MAX_TOKEN_CHARS = 8 * 1024;

  static final String HS256 = "HS256";
  static final String RS256 = "RS256";
  static final String ROLES_CLAIM = "roles";

  /** An algorithm name we may repeat in a message: short and plain. */
  private static final Pattern PRINTABLE_ALG = Pattern.compile("[A-Za-z0-9]{1,12}");

  /** One verifier per accepted algorithm, keyed by its JWS name. */
  private final Map<String, JWTVerifier> verifiers;

  private JwtAuthenticator(Map<String, JWTVerifier> verifiers) {
    this.verifiers = Map.copyOf(verifiers);
  }

  /**
   * The authenticator for these settings (reads the RS256 key file, if one is named: call at start-up).
   *
   * @throws IllegalArgumentException when neither algorithm is configured or the RS256 key is unusable
   */
  public static JwtAuthenticator fromSettings(JwtSettings settings) {
    return fromSettings(settings, Clock.systemUTC());
  }

  /** As {@link #fromSettings(JwtSettings)}, judging times by {@code clock} (tests). */
  public static JwtAuthenticator fromSettings(JwtSettings settings, Clock clock) {
    settings.requireVerification();
    Map<String, JWTVerifier> verifiers = new LinkedHashMap<>();
    if (settings.hs256Enabled()) {
      verifiers.put(HS256, verifier(Algorithm.HMAC256(settings.hs256Secret().getBytes(StandardCharsets.UTF_8)),
          settings, clock));
    }
    if (settings.rs256Enabled()) {
      RSAPublicKey key = RsaPublicKeys.read(settings.rs256PublicKey());
      // Public key only: this node can verify RS256 tokens, never mint them.
      verifiers.put(RS256, verifier(Algorithm.RSA256(key, null), settings, clock));
    }
    return new JwtAuthenticator(verifiers);
  }

  /** The algorithms this authenticator accepts, e.g. {@code [HS256]}. */
  public Set<String> algorithms() {
    return verifiers.keySet();
  }

  @Override
  public Principal authenticate(String bearerToken) throws AuthenticationException {
    if (bearerToken == null || bearerToken.isBlank()) {
      throw new AuthenticationException("no bearer token");
    }
    if (bearerToken.length() > MAX_TOKEN_CHARS) {
      throw new AuthenticationException("token too long");
    }
    DecodedJWT unverified;
    try {
      unverified = JWT.decode(bearerToken);
    } catch (RuntimeException e) {
      // JWTDecodeException, or whatever else hostile input provokes in the parser: a refusal, never a 500.
      throw new AuthenticationException("malformed token: not a signed JWT (header.payload.signature)");
    }
    JWTVerifier verifier = verifierFor(unverified.getAlgorithm());
    DecodedJWT token;
    try {
      token = verifier.verify(unverified);
    } catch (JWTVerificationException e) {
      throw new AuthenticationException(reason(e));
    } catch (RuntimeException e) {
      throw new AuthenticationException("token refused");
    }
    String subject = token.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new AuthenticationException("token has no subject (sub)");
    }
    return new Principal(subject, roles(token.getClaim(ROLES_CLAIM)));
  }

  private JWTVerifier verifierFor(String algorithm) throws AuthenticationException {
    if (algorithm == null || algorithm.isBlank()) {
      throw new AuthenticationException("token header names no algorithm (alg)");
    }
    if ("none".equalsIgnoreCase(algorithm)) {
      throw new AuthenticationException("unsigned tokens (alg none) are not accepted");
    }
    JWTVerifier verifier = verifiers.get(algorithm);
    if (verifier == null) {
      String named = PRINTABLE_ALG.matcher(algorithm).matches() ? algorithm : "in the token header";
      throw new AuthenticationException(
          "algorithm " + named + " is not accepted here (accepted: " + String.join(", ", algorithms()) + ")");
    }
    return verifier;
  }

  private static JWTVerifier verifier(Algorithm algorithm, JwtSettings settings, Clock clock) {
    return ((JWTVerifier.BaseVerification) JWT.require(algorithm)
        .withIssuer(settings.issuer())
        .withAudience(settings.audience())
        // java-jwt checks exp only when present; a token without it would never expire.
        .withClaimPresence("exp")
        .acceptLeeway(settings.clockSkew().toSeconds()))
        .build(clock);
  }

  /** What to tell the caller; java-jwt's own messages are not used because some of them quote claim values. */
  private static String reason(JWTVerificationException e) {
    if (e instanceof AlgorithmMismatchException) {
      return "token algorithm does not match the verifier";
    }
    if (e instanceof SignatureVerificationException) {
      return "token signature is invalid";
    }
    if (e instanceof TokenExpiredException) {
      return "token has expired";
    }
    if (e instanceof MissingClaimException missing) {
      return "token lacks a required claim (" + claimName(missing.getClaimName()) + ")";
    }
    if (e instanceof IncorrectClaimException incorrect) {
      return switch (incorrect.getClaimName()) {
        case "nbf" -> "token is not valid yet (nbf)";
        case "iat" -> "token was issued in the future (iat)";
        case "exp" -> "token has expired";
        case "iss" -> "token is from another issuer (iss)";
        case "aud" -> "token is for another audience (aud)";
        default -> "token has an invalid claim";
      };
    }
    if (e instanceof JWTDecodeException) {
      return "malformed token";
    }
    return "token refused";
  }

  private static String claimName(String name) {
    return switch (name) {
      case "exp", "iss", "aud", "sub", "nbf", "iat" -> name;
      default -> "?";
    };
  }

  private static Set<Role> roles(Claim claim) throws AuthenticationException {
    List<String> claimed;
    try {
      claimed = claim == null || claim.isMissing() || claim.isNull() ? null : claim.asList(String.class);
    } catch (JWTDecodeException e) {
      claimed = null;
    }
    if (claimed == null) {
      throw new AuthenticationException("token has no roles claim (an array of strings)");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String value : claimed) {
      // Unknown roles are skipped: an identity provider may put roles of other applications in the same claim.
      Optional.ofNullable(value).flatMap(Role::fromClaim).ifPresent(roles::add);
    }
    if (roles.isEmpty()) {
      throw new AuthenticationException("token grants no Shoal role (viewer, operator, admin, camera)");
    }
    return roles;
  }
}
