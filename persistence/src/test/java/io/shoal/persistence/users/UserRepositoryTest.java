package io.shoal.persistence.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The users table through plain JDBC on a real, migrated PostgreSQL. */
class UserRepositoryTest {

  // Shapes of real bcrypt strings (60 chars); the repository stores them, it never computes them.
  private static final String HASH_A = "$2a$10$" + "a".repeat(53);
  private static final String HASH_B = "$2b$12$" + "b".repeat(53);

  private static MigratedPostgres db;
  private static UserRepository users;

  @BeforeAll
  static void start() throws Exception {
    db = MigratedPostgres.start();
    users = new UserRepository(db.dataSource);
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void createsAndFindsAUserWithItsRoles() {
    Instant before = Instant.now().minus(1, ChronoUnit.MINUTES);
    users.create("alice", HASH_A, List.of("operator", "viewer"));

    UserAccount alice = users.find("alice").orElseThrow();

    assertThat(alice.username()).isEqualTo("alice");
    assertThat(alice.passwordBcrypt()).isEqualTo(HASH_A);
    assertThat(alice.roles()).containsExactly("operator", "viewer");
    assertThat(alice.createdAt()).isAfter(before);
    assertThat(alice.toString()).doesNotContain(HASH_A);
  }

  @Test
  void unknownEmptyAndOverlongNamesFindNothing() {
    assertThat(users.find("nobody")).isEmpty();
    assertThat(users.find("")).isEmpty();
    assertThat(users.find(null)).isEmpty();
    assertThat(users.find("x".repeat(65))).isEmpty();
  }

  @Test
  void aTakenNameIsRefusedAndSaysSo() {
    users.create("bob", HASH_A, List.of("viewer"));

    assertThatThrownBy(() -> users.create("bob", HASH_B, List.of("admin")))
        .isInstanceOfSatisfying(UserStoreException.class, e -> assertThat(e.alreadyExists()).isTrue());
    assertThat(users.find("bob").orElseThrow().roles()).containsExactly("viewer");
  }

  @Test
  void upsertCreatesThenReplacesHashAndRolesKeepingCreationTime() {
    assertThat(users.upsert("carol", HASH_A, List.of("viewer"))).isTrue();
    Instant created = users.find("carol").orElseThrow().createdAt();

    assertThat(users.upsert("carol", HASH_B, List.of("admin"))).isFalse();

    UserAccount carol = users.find("carol").orElseThrow();
    assertThat(carol.passwordBcrypt()).isEqualTo(HASH_B);
    assertThat(carol.roles()).containsExactly("admin");
    assertThat(carol.createdAt()).isEqualTo(created);
  }

  @Test
  void anEmptyRoleListRoundTrips() {
    users.create("dave", HASH_A, List.of());

    assertThat(users.find("dave").orElseThrow().roles()).isEmpty();
  }

  @Test
  void refusesWhatTheColumnsCannotHoldOrWhatIsNotAHash() {
    assertThatThrownBy(() -> users.create("x".repeat(65), HASH_A, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> users.create("erin", "plain-password", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("plain-password");
    assertThatThrownBy(() -> users.create("erin", HASH_A, List.of("r".repeat(33))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(users.find("erin")).isEmpty();
  }
}
