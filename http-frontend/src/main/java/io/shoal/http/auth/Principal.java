package io.shoal.http.auth;

import java.util.Objects;
import java.util.Set;

/** Who is calling, as a verified token says: its subject ({@code sub}) and roles. */
public record Principal(String subject, Set<Role> roles) {

  public Principal {
    Objects.requireNonNull(subject, "subject");
    roles = Set.copyOf(roles);
  }

  /** Whether this caller has any of {@code allowed}; an admin has every role. */
  public boolean hasAnyOf(Set<Role> allowed) {
    return roles.contains(Role.ADMIN) || roles.stream().anyMatch(allowed::contains);
  }
}
