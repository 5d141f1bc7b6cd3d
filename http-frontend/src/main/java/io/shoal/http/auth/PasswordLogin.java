package io.shoal.http.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.shoal.persistence.users.UserAccount;
import io.shoal.persistence.users.UserRepository;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a username and password against the {@code users} table's bcrypt hashes. An unknown user costs the same
 * bcrypt verification as a known one (against a dummy hash of the configured cost), so response times do not tell
 * which usernames exist. The JDBC read and the bcrypt work (~0.25 s at cost 12) run on the given executor, the
 * {@value LoginSettings#BLOCKING_DISPATCHER}, never on pekko-http's threads; at most {@code maxInFlight} run at
 * once and the rest are refused at once ({@link LoginBusyException}) rather than queued without bound.
 */
public final class PasswordLogin {

  private static final Logger LOG = LoggerFactory.getLogger(PasswordLogin.class);

  /** bcrypt reads at most 72 bytes of a password; longer ones are refused rather than silently cut. */
  public static final int MAX_PASSWORD_BYTES = 72;

  private final UserRepository users;
  private final Executor blocking;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  /**
   * A hash nobody knows the password of, verified against when the user does not exist. Computed on the blocking
   * executor (it costs as much as a login), so that constructing this class never blocks the caller's thread.
   */
  private final CompletableFuture<char[]> dummyHash;

  /** @param bcryptCost the cost of the dummy hash; make it the cost real hashes have */
  public PasswordLogin(UserRepository users, Executor blocking, int maxInFlight, int bcryptCost) {
    this.users = Objects.requireNonNull(users, "users");
    this.blocking = Objects.requireNonNull(blocking, "blocking");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    this.dummyHash = CompletableFuture.supplyAsync(() -> {
      byte[] unguessable = new byte[32];
      new SecureRandom().nextBytes(unguessable);
      return BCrypt.withDefaults().hashToChar(bcryptCost, HexFormat.of().formatHex(unguessable).toCharArray());
    }, blocking);
  }

  /** The login of a running API: its blocking work on {@value LoginSettings#BLOCKING_DISPATCHER}. */
  public static PasswordLogin create(ClassicActorSystemProvider system, UserRepository users, LoginSettings settings) {
    return new PasswordLogin(users, blockingDispatcher(system), settings.maxInFlight(), settings.bcryptCost());
  }

  /**
   * The {@value LoginSettings#BLOCKING_DISPATCHER} of {@code system}: where this package's blocking work runs
   * ({@link AdminBootstrap#runAsync} too).
   */
  public static Executor blockingDispatcher(ClassicActorSystemProvider system) {
    return system.classicSystem().dispatchers().lookup(LoginSettings.BLOCKING_DISPATCHER);
  }

  /**
   * The caller these credentials belong to, or empty when they are wrong (unknown user, wrong password, no usable
   * role: deliberately indistinguishable). Fails with {@link LoginBusyException} when too many logins are in
   * progress, or with the database's error.
   */
  public CompletionStage<Optional<Principal>> login(String username, String password) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      return CompletableFuture.failedFuture(new LoginBusyException(maxInFlight));
    }
    try {
      return CompletableFuture.supplyAsync(() -> verify(username, password), blocking)
          .whenComplete((result, failure) -> inFlight.decrementAndGet());
    } catch (RuntimeException rejected) {
      // The executor refused the task (shutting down): nothing will run, so release the slot here.
      inFlight.decrementAndGet();
      return CompletableFuture.failedFuture(rejected);
    }
  }

  /** Blocking: one JDBC read and one bcrypt verification, whatever the input. */
  Optional<Principal> verify(String username, String password) {
    Optional<UserAccount> account = users.find(username);
    boolean usablePassword = password != null && !password.isEmpty()
        && password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
    // Always one verification of the same cost, so a missing user or an unusable password answers as slowly.
    // join(): this runs on the blocking executor, and the dummy is ready long before the first login but the first.
    char[] hash = account.isPresent() ? account.get().passwordBcrypt().toCharArray() : dummyHash.join();
    char[] candidate = usablePassword ? password.toCharArray() : "-".toCharArray();
    BCrypt.Result result = BCrypt.verifyer().verify(candidate, hash);
    Arrays.fill(candidate, '\0');
    if (account.isEmpty() || !usablePassword) {
      return Optional.empty();
    }
    if (!result.validFormat) {
      LOG.warn("login refused: the stored hash of user {} is not a valid bcrypt hash", account.get().username());
      return Optional.empty();
    }
    if (!result.verified) {
      LOG.info("login refused: wrong password for user {}", account.get().username());
      return Optional.empty();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    account.get().roles().forEach(claim -> Role.fromClaim(claim).ifPresent(roles::add));
    if (roles.isEmpty()) {
      LOG.info("login refused: user {} has no Shoal role", account.get().username());
      return Optional.empty();
    }
    return Optional.of(new Principal(account.get().username(), roles));
  }
}
