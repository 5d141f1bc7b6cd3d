package io.shoal.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.shoal.persistence.users.UserRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Password checks, the in-flight bound and the admin bootstrap, against a real, migrated PostgreSQL. */
class PasswordLoginTest {

  private static final LoginSettings SETTINGS =
      new LoginSettings(true, 4, 4096, Duration.ofSeconds(5), 8, "", "");

  private static TestDatabase db;
  private static UserRepository users;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.start();
    users = new UserRepository(db.dataSource);
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void bootstrapCreatesThenLeavesAloneThenResetsTheAdmin() throws Exception {
    LoginSettings first = SETTINGS.withAdmin("boss", "first-password-123");
    assertThat(AdminBootstrap.run(users, first)).isEqualTo(AdminBootstrap.Outcome.CREATED);
    assertThat(AdminBootstrap.run(users, first)).isEqualTo(AdminBootstrap.Outcome.UNCHANGED);

    LoginSettings second = SETTINGS.withAdmin("boss", "second-password-456");
    assertThat(AdminBootstrap.run(users, second)).isEqualTo(AdminBootstrap.Outcome.UPDATED);

    PasswordLogin login = new PasswordLogin(users, Runnable::run, 4, 4);
    assertThat(login.verify("boss", "first-password-123")).isEmpty();
    assertThat(login.verify("boss", "second-password-456")).hasValueSatisfying(principal ->
        assertThat(principal.roles()).containsExactly(Role.ADMIN));
    assertThat(users.find("boss").orElseThrow().passwordBcrypt()).startsWith("$2a$04$");
  }

  @Test
  void bootstrapKeepsOtherRolesOfAnExistingAccount() {
    users.create("ops-lead", BCrypt.withDefaults().hashToString(4, "whatever-it-was".toCharArray()),
        List.of("operator"));

    assertThat(AdminBootstrap.run(users, SETTINGS.withAdmin("ops-lead", "a-long-enough-password")))
        .isEqualTo(AdminBootstrap.Outcome.UPDATED);
    assertThat(users.find("ops-lead").orElseThrow().roles()).containsExactly("operator", "admin");
  }

  @Test
  void bootstrapNeedsBothVariablesAndALongPasswordAndHasNoDefault() {
    assertThat(AdminBootstrap.run(users, SETTINGS)).isEqualTo(AdminBootstrap.Outcome.SKIPPED);
    assertThatThrownBy(() -> AdminBootstrap.run(users, SETTINGS.withAdmin("admin", "")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
    assertThatThrownBy(() -> AdminBootstrap.run(users, SETTINGS.withAdmin("", "some-long-password")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
    assertThatThrownBy(() -> AdminBootstrap.run(users, SETTINGS.withAdmin("admin", "short-pw-11")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 12")
        .hasMessageNotContaining("short-pw-11");
    assertThatThrownBy(() -> AdminBootstrap.run(users, SETTINGS.withAdmin("admin", "p".repeat(73))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("72");
    assertThat(users.find("admin")).isEmpty();
    assertThat(SETTINGS.withAdmin("admin", "some-long-password").toString()).doesNotContain("some-long-password");
  }

  @Test
  void refusesLoginsBeyondTheInFlightBoundAtOnce() throws Exception {
    List<Runnable> parked = new ArrayList<>();
    Executor parking = parked::add;
    PasswordLogin login = new PasswordLogin(users, parking, 1, 4);

    CompletionStage<?> first = login.login("anyone", "anything");
    CompletionStage<?> second = login.login("anyone", "anything");

    assertThatThrownBy(() -> second.toCompletableFuture().get(1, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LoginBusyException.class);
    parked.forEach(Runnable::run);
    assertThat(first.toCompletableFuture().get(5, TimeUnit.SECONDS)).isNotNull();
    // The slot is free again once the first finished.
    CompletionStage<?> third = login.login("anyone", "anything");
    parked.get(parked.size() - 1).run();
    assertThat(third.toCompletableFuture().get(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void anUnknownUserCostsAboutAsMuchAsAWrongPassword() {
    // Cost 10 makes a verification take tens of milliseconds, far above the JDBC read; an unknown user that
    // skipped bcrypt would answer in about a millisecond.
    int cost = 10;
    users.create("timed", BCrypt.withDefaults().hashToString(cost, "timed-password-1".toCharArray()),
        List.of("viewer"));
    PasswordLogin login = new PasswordLogin(users, Runnable::run, 4, cost);
    login.verify("timed", "warm-up");

    long known = medianNanos(() -> login.verify("timed", "wrong-password"));
    long unknown = medianNanos(() -> login.verify("no-such-user", "wrong-password"));

    assertThat((double) unknown).isGreaterThan(known * 0.5);
  }

  private static long medianNanos(Runnable action) {
    long[] times = new long[5];
    for (int i = 0; i < times.length; i++) {
      long start = System.nanoTime();
      action.run();
      times[i] = System.nanoTime() - start;
    }
    Arrays.sort(times);
    return times[times.length / 2];
  }
}
