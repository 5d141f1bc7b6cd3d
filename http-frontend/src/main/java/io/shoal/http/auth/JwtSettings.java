package io.shoal.http.auth;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Token settings under {@code shoal.http.auth} (see this module's {@code reference.conf}).
 *
 * @param hs256Secret    HS256 shared secret, empty when HS256 is off; at least {@value #MIN_SECRET_BYTES} bytes
 * @param rs256PublicKey PEM text or a file path of the RS256 verification key, empty when RS256 is off
 * @param devSecret      the demo's public HS256 secret; applied only by {@link #withDevSecretIfUnset()}, which
 *                       only the demo and {@code ./shoal token} call
 */
public record JwtSettings(
    String issuer,
    String audience,
    String hs256Secret,
    String rs256PublicKey,
    Duration clockSkew,
    Duration tokenTtl,
    String devSecret) {

  public static final String CONFIG_PATH = "shoal.http.auth";

  /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output (256 bits). */
  public static final int MIN_SECRET_BYTES = 32;

  /** More tolerance than this would make {@code exp} and {@code nbf} meaningless. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  public JwtSettings {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(hs256Secret, "hs256Secret");
    Objects.requireNonNull(rs256PublicKey, "rs256PublicKey");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(tokenTtl, "tokenTtl");
    Objects.requireNonNull(devSecret, "devSecret");
    if (issuer.isBlank() || audience.isBlank()) {
      throw new IllegalArgumentException("shoal.http.auth.issuer and .audience must not be empty");
    }
    if (!hs256Secret.isEmpty() && bytes(hs256Secret) < MIN_SECRET_BYTES) {
      // The message gives the length only: never the secret, not even a prefix.
      throw new IllegalArgumentException("shoal.http.auth.hs256-secret (SHOAL_JWT_SECRET) must be at least "
          + MIN_SECRET_BYTES + " bytes, was " + bytes(hs256Secret));
    }
    if (!devSecret.isEmpty() && bytes(devSecret) < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("shoal.http.auth.dev-secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new IllegalArgumentException("shoal.http.auth.clock-skew must be 0.." + MAX_CLOCK_SKEW + ", was " + clockSkew);
    }
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("shoal.http.auth.token-ttl must be positive, was " + tokenTtl);
    }
  }

  /** Reads {@code shoal.http.auth} from a full, resolved configuration. */
  public static JwtSettings fromConfig(Config root) {
    Config auth = root.getConfig(CONFIG_PATH);
    return new JwtSettings(
        auth.getString("issuer").trim(),
        auth.getString("audience").trim(),
        auth.getString("hs256-secret"),
        auth.getString("rs256-public-key").trim(),
        auth.getDuration("clock-skew"),
        auth.getDuration("token-ttl"),
        auth.getString("dev-secret"));
  }

  public boolean hs256Enabled() {
    return !hs256Secret.isEmpty();
  }

  public boolean rs256Enabled() {
    return !rs256PublicKey.isEmpty();
  }

  /**
   * Refuses settings that verify nothing; called wherever the API runs.
   *
   * @throws IllegalArgumentException when neither HS256 nor RS256 is configured
   */
  public JwtSettings requireVerification() {
    if (!hs256Enabled() && !rs256Enabled()) {
      throw new IllegalArgumentException("no token verification configured: set shoal.http.auth.hs256-secret "
          + "(SHOAL_JWT_SECRET, >= " + MIN_SECRET_BYTES + " bytes) and/or shoal.http.auth.rs256-public-key "
          + "(SHOAL_JWT_PUBLIC_KEY)");
    }
    return this;
  }

  /**
   * These settings with the demo's public {@code dev-secret} as HS256 secret when none is configured. For
   * {@code ./shoal demo} and {@code ./shoal token} only: {@code ./shoal node} never calls it, so a production node
   * without SHOAL_JWT_SECRET has no HS256 at all rather than a secret everybody knows.
   */
  public JwtSettings withDevSecretIfUnset() {
    if (hs256Enabled() || devSecret.isEmpty()) {
      return this;
    }
    return new JwtSettings(issuer, audience, devSecret, rs256PublicKey, clockSkew, tokenTtl, devSecret);
  }

  /** Whether the HS256 secret in use is the public demo one (worth a warning wherever it shows up). */
  public boolean usesDevSecret() {
    return hs256Enabled() && hs256Secret.equals(devSecret);
  }

  /** Never prints a secret; the key only by whether one is set. */
  @Override
  public String toString() {
    return "JwtSettings[issuer=" + issuer + ", audience=" + audience
        + ", hs256=" + (hs256Enabled() ? (usesDevSecret() ? "dev-secret" : "set") : "off")
        + ", rs256=" + (rs256Enabled() ? "set" : "off")
        + ", clockSkew=" + clockSkew + ", tokenTtl=" + tokenTtl + "]";
  }

  private static int bytes(String secret) {
    return secret.getBytes(StandardCharsets.UTF_8).length;
  }
}
