package io.shoal.http.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.shoal.persistence.users.UserAccount;
import io.shoal.persistence.users.UserRepository;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the admin account named by SHOAL_ADMIN_USER with the password in SHOAL_ADMIN_PASSWORD
 * ({@code shoal.http.auth.bootstrap-admin}) at start-up, or resets an existing one's password and roles to them.
 * Without both variables nothing happens: there is no built-in account and no default password. The password is
 * never logged.
 */
public final class AdminBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  /** NIST SP 800-63B asks for at least 8; an admin password guarding a whole installation gets more. */
  public static final int MIN_PASSWORD_LENGTH = 12;

  /** What {@link #run} did. */
  public enum Outcome {
    /** Neither variable set. */
    SKIPPED,
    CREATED,
    /** The account existed with another password or without the admin role. */
    UPDATED,
    /** The account already had this password and the admin role: nothing written. */
    UNCHANGED
  }

  private AdminBootstrap() {}

  /** {@link #run} on {@code blocking} (the {@value LoginSettings#BLOCKING_DISPATCHER}). */
  public static CompletionStage<Outcome> runAsync(UserRepository users, LoginSettings settings, Executor blocking) {
    return CompletableFuture.supplyAsync(() -> run(users, settings), blocking);
  }

  /**
   * Blocking (JDBC, bcrypt).
   *
   * @throws IllegalArgumentException when only one of user and password is set, or the password is too short or
   *                                  too long: a start-up error, not something to carry on without
   */
  public static Outcome run(UserRepository users, LoginSettings settings) {
    String user = settings.adminUser();
    String password = settings.adminPassword();
    if (user.isEmpty() && password.isEmpty()) {
      return Outcome.SKIPPED;
    }
    if (user.isEmpty() || password.isEmpty()) {
      throw new IllegalArgumentException("set both SHOAL_ADMIN_USER and SHOAL_ADMIN_PASSWORD "
          + "(shoal.http.auth.bootstrap-admin.username/password) or neither");
    }
    if (user.length() > UserRepository.MAX_USERNAME_LENGTH) {
      throw new IllegalArgumentException(
          "SHOAL_ADMIN_USER must be at most " + UserRepository.MAX_USERNAME_LENGTH + " characters");
    }
    if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "SHOAL_ADMIN_PASSWORD must be at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > PasswordLogin.MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException(
          "SHOAL_ADMIN_PASSWORD must be at most " + PasswordLogin.MAX_PASSWORD_BYTES + " bytes (bcrypt's limit)");
    }
    Optional<UserAccount> existing = users.find(user);
    if (existing.isPresent() && isAdmin(existing.get())
        && BCrypt.verifyer().verify(password.toCharArray(), existing.get().passwordBcrypt().toCharArray()).verified) {
      LOG.info("admin account {} already set up", user);
      return Outcome.UNCHANGED;
    }
    String hash = BCrypt.withDefaults().hashToString(settings.bcryptCost(), password.toCharArray());
    // Roles the account already had stay: the bootstrap only guarantees admin, it does not demote anything.
    List<String> roles = new ArrayList<>(existing.map(UserAccount::roles).orElse(List.of()));
    if (!roles.contains(Role.ADMIN.claim())) {
      roles.add(Role.ADMIN.claim());
    }
    boolean created = users.upsert(user, hash, roles);
    LOG.info("admin account {} {} from SHOAL_ADMIN_USER/SHOAL_ADMIN_PASSWORD", user, created ? "created" : "updated");
    return created ? Outcome.CREATED : Outcome.UPDATED;
  }

  private static boolean isAdmin(UserAccount account) {
    return account.roles().contains(Role.ADMIN.claim());
  }
}
