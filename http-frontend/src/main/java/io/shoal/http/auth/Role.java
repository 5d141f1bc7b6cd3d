package io.shoal.http.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do, carried in the token's {@code roles} claim (lower case). {@code admin} may do everything;
 * the others are listed per route.
 */
public enum Role {
  /** Read pens, history, alerts, models, metrics; subscribe to SSE. */
  VIEWER,
  /** Viewer, plus acknowledge alerts, configure pens, upload frames. */
  OPERATOR,
  /** Everything. */
  ADMIN,
  /** Upload frames only (a camera or its gateway without Kafka). */
  CAMERA;

  /** The claim value, e.g. {@code "operator"}. */
  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromClaim(String claim) {
    for (Role role : values()) {
      if (role.claim().equals(claim)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
