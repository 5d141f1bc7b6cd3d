package io.shoal.http.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** A token this node minted, with when it expires and the roles it grants. {@link #toString()} hides the token. */
public record IssuedToken(String token, Instant expiresAt, Set<Role> roles) {

  public IssuedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
    roles = Set.copyOf(roles);
  }

  @Override
  public String toString() {
    return "IssuedToken[expiresAt=" + expiresAt + ", roles=" + roles + "]";
  }
}
