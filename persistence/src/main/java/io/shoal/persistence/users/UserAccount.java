package io.shoal.persistence.users;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A row of {@code users}: an API login for installations without an identity provider.
 *
 * @param passwordBcrypt the bcrypt hash (never the password); kept out of {@link #toString()} so that a logged
 *                       account does not hand out material for an offline guessing attack
 * @param roles          role claims as stored (e.g. "admin"); persistence does not interpret them
 */
public record UserAccount(String username, String passwordBcrypt, List<String> roles, Instant createdAt) {

  public UserAccount {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordBcrypt, "passwordBcrypt");
    Objects.requireNonNull(createdAt, "createdAt");
    roles = List.copyOf(roles);
  }

  @Override
  public String toString() {
    return "UserAccount[username=" + username + ", roles=" + roles + ", createdAt=" + createdAt + "]";
  }
}
