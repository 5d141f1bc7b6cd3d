package io.shoal.node.pen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.typesafe.config.Config;
import io.shoal.node.ClusterOnPostgres;
import io.shoal.node.ReferenceConfig;
import io.shoal.protocol.inference.InferenceProtocol;
import io.shoal.persistence.DatabaseSettings;
import io.shoal.persistence.EmbeddedPostgres;
import io.shoal.persistence.Migrations;
import io.shoal.protocol.inference.Prediction;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenProtocol.AlertKind;
import io.shoal.protocol.pen.PenProtocol.AlertSeverity;
import io.shoal.protocol.pen.PenProtocol.AssessFrame;
import io.shoal.protocol.pen.PenProtocol.Command;
import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.GetHealth;
import io.shoal.protocol.pen.PenProtocol.KafkaPosition;
import io.shoal.protocol.pen.PenProtocol.OpenAlert;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pen entity on the journal reference.conf configures (pekko-persistence-jdbc on shoal.db) against a real,
 * Flyway-migrated PostgreSQL: what one ActorSystem persisted, a new one recovers, duplicates included.
 */
class PenJournalOnPostgresTest {

  private static final String PEN = "pen-a";
  private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
  /** Generous: the first write also starts the plugin and its connection pool. */
  private static final Duration REPLY = Duration.ofSeconds(20);

  private static EmbeddedPostgres postgres;
  private static Config config;

  @BeforeAll
  static void startDatabase() throws Exception {
    postgres = ClusterOnPostgres.startPostgres();
    config = ReferenceConfig.withOverrides(Map.of(
        "shoal.db.url", postgres.jdbcUrl(),
        "shoal.db.user", EmbeddedPostgres.USER,
        "shoal.db.password", "",
        "pekko.loglevel", "WARNING"));
    Migrations.apply(DatabaseSettings.fromConfig(config));
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  /** Frame n of cam-1, captured n seconds after T0. */
  private static AssessFrame frame(int n, Prediction prediction, ActorRef<FrameOutcome> replyTo) {
    return new AssessFrame("cam-1-" + n, "cam-1", T0.plusSeconds(n), prediction, new KafkaPosition(0, n), replyTo);
  }

  private static PenHealth health(ActorTestKit kit, ActorRef<Command> pen) {
    TestProbe<PenHealth> probe = kit.createTestProbe();
    pen.tell(new GetHealth(probe.ref()));
    return probe.receiveMessage(REPLY);
  }

  @Test
  void aNewSystemRecoversThePenFromPostgresAndStillRecognisesPersistedFrames() throws Exception {
    // reference.conf: minimum sample 30 fish frames, lesion warns at 10 % and is critical at 25 %.
    // 34 healthy then 6 lesion frames: 6/40 = 15 % -> WARNING with one open lesion alert.
    PenHealth before;
    ActorTestKit first = ActorTestKit.create("pen-journal-first", config);
    try {
      ActorRef<Command> pen = first.spawn(PenEntity.create(PEN, first.<InferenceProtocol.Command>createTestProbe().ref()));
      TestProbe<FrameOutcome> replies = first.createTestProbe();
      for (int n = 1; n <= 40; n++) {
        pen.tell(frame(n, PenEntityTest.fish(n <= 34 ? "healthy" : "lesion"), replies.ref()));
        assertThat(replies.receiveMessage(REPLY)).isEqualTo(new FrameAccepted("cam-1-" + n, false));
      }
      before = health(first, pen);
    } finally {
      first.shutdownTestKit();
    }
    assertThat(before.framesAssessed()).isEqualTo(40);
    assertThat(before.windowFishFrames()).isEqualTo(40);
    assertThat(before.status()).isEqualTo(HealthStatus.WARNING);
    assertThat(before.openAlerts()).extracting(OpenAlert::kind, OpenAlert::subject, OpenAlert::severity)
        .containsExactly(tuple(AlertKind.CONDITION, "lesion", AlertSeverity.WARNING));

    long rows = journalRows();
    assertThat(rows).isGreaterThanOrEqualTo(40);

    ActorTestKit second = ActorTestKit.create("pen-journal-second", config);
    try {
      ActorRef<Command> pen = second.spawn(PenEntity.create(PEN, second.<InferenceProtocol.Command>createTestProbe().ref()));
      PenHealth recovered = health(second, pen);
      assertThat(recovered).isEqualTo(before);

      // Kafka redelivers an already persisted frame after the "crash": answered duplicate, counted once.
      TestProbe<FrameOutcome> replies = second.createTestProbe();
      pen.tell(frame(40, PenEntityTest.fish("lesion"), replies.ref()));
      assertThat(replies.receiveMessage(REPLY)).isEqualTo(new FrameAccepted("cam-1-40", true));
      assertThat(health(second, pen)).isEqualTo(before);
    } finally {
      second.shutdownTestKit();
    }
    assertThat(journalRows()).isEqualTo(rows);
  }

  private static long journalRows() throws Exception {
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgres.USER, "");
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM event_journal WHERE persistence_id = ?")) {
      s.setString(1, PenEntity.persistenceId(PEN).id());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
