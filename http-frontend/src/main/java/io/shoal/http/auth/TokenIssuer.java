package io.shoal.http.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;

/**
 * Mints HS256 tokens that {@link JwtAuthenticator} accepts under the same settings: {@code iss}, {@code aud},
 * {@code sub}, {@code roles}, {@code iat}, {@code nbf}, {@code exp}. Used by the login route and
 * {@code ./shoal token}. RS256 tokens come from an identity provider; this node holds no private key.
 */
public final class TokenIssuer {

  private final JwtSettings settings;
  private final Algorithm algorithm;
  private final Clock clock;

  /** @throws IllegalArgumentException when no HS256 secret is configured */
  public TokenIssuer(JwtSettings settings) {
    this(settings, Clock.systemUTC());
  }

  public TokenIssuer(JwtSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!settings.hs256Enabled()) {
      throw new IllegalArgumentException(
          "minting tokens needs shoal.http.auth.hs256-secret (SHOAL_JWT_SECRET, >= 32 bytes)");
    }
    this.algorithm = Algorithm.HMAC256(settings.hs256Secret().getBytes(StandardCharsets.UTF_8));
  }

  /** A token for {@code subject} with {@code roles}, valid for the configured {@code token-ttl}. */
  public IssuedToken issue(String subject, Set<Role> roles) {
    return issue(subject, roles, settings.tokenTtl());
  }

  /** A token for {@code subject} with {@code roles}, valid from now for {@code ttl}. */
  public IssuedToken issue(String subject, Set<Role> roles, Duration ttl) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(ttl, "ttl");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be blank");
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a token needs at least one role");
    }
    if (ttl.isNegative() || ttl.toSeconds() < 1) {
      throw new IllegalArgumentException("ttl must be at least one second, was " + ttl);
    }
    // JWT times are whole seconds; truncating keeps expiresAt equal to what the token says.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
    String token = JWT.create()
        .withIssuer(settings.issuer())
        .withAudience(settings.audience())
        .withSubject(subject)
        .withArrayClaim(JwtAuthenticator.ROLES_CLAIM, roles.stream().map(Role::claim).sorted().toArray(String[]::new))
        .withIssuedAt(now)
        .withNotBefore(now)
        .withExpiresAt(expiresAt)
        .sign(algorithm);
    return new IssuedToken(token, expiresAt, roles);
  }
}
