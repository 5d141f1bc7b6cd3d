package io.shoal.persistence.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.persistence.audit.AuditEntry;
import io.shoal.persistence.audit.AuditLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit log on a real, migrated PostgreSQL (kept beside the users tests: same migration, same database). */
class AuditLogTest {

  private static MigratedPostgres db;
  private static AuditLog audit;

  @BeforeAll
  static void start() throws Exception {
    db = MigratedPostgres.start();
    audit = new AuditLog(db.dataSource);
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void recordsWhoDidWhatToWhichTargetAndWhen() {
    Instant before = Instant.now().minus(1, ChronoUnit.MINUTES);
    long id = audit.record("alice", "alert.ack", "alert-42", "acknowledged from the dashboard");

    AuditEntry entry = find(id);

    assertThat(entry.username()).isEqualTo("alice");
    assertThat(entry.action()).isEqualTo("alert.ack");
    assertThat(entry.target()).isEqualTo("alert-42");
    assertThat(entry.detail()).isEqualTo("acknowledged from the dashboard");
    assertThat(entry.at()).isAfter(before);
  }

  @Test
  void targetAndDetailMayBeAbsent() {
    long id = audit.record("bob", "login", null, null);

    AuditEntry entry = find(id);
    assertThat(entry.target()).isNull();
    assertThat(entry.detail()).isNull();
  }

  @Test
  void overlongValuesAreCutToTheirColumnsInsteadOfFailingTheAction() {
    long id = audit.record("u".repeat(100), "a".repeat(100), "t".repeat(1000), "d".repeat(10_000));

    AuditEntry entry = find(id);
    assertThat(entry.username()).hasSize(AuditLog.MAX_USERNAME).endsWith("…");
    assertThat(entry.action()).hasSize(AuditLog.MAX_ACTION);
    assertThat(entry.target()).hasSize(AuditLog.MAX_TARGET);
    assertThat(entry.detail()).hasSize(AuditLog.MAX_DETAIL);
  }

  @Test
  void cuttingNeverSplitsASurrogatePairAndNulsAreDropped() {
    // 🐟 is two UTF-16 units but one character for PostgreSQL's VARCHAR(n).
    String fish = "🐟".repeat(300);
    long id = audit.record("carol\0", "pen.config", fish, "a\0b");

    AuditEntry entry = find(id);
    assertThat(entry.username()).isEqualTo("carol");
    assertThat(entry.detail()).isEqualTo("ab");
    assertThat(entry.target().codePointCount(0, entry.target().length())).isEqualTo(AuditLog.MAX_TARGET);
    assertThat(entry.target()).startsWith("🐟🐟").endsWith("🐟…");
  }

  @Test
  void recentIsNewestFirstAndBounded() {
    long first = audit.record("dave", "frames.upload", "pen-1", null);
    long second = audit.record("dave", "frames.upload", "pen-2", null);

    List<AuditEntry> recent = audit.recent(2);
    assertThat(recent).extracting(AuditEntry::id).containsExactly(second, first);
    assertThat(audit.recent(-5)).isEmpty();
  }

  private static AuditEntry find(long id) {
    return audit.recent(AuditLog.MAX_RECENT).stream()
        .filter(entry -> entry.id() == id)
        .findFirst()
        .orElseThrow();
  }
}
