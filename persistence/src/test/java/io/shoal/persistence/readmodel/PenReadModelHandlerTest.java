package io.shoal.persistence.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.shoal.persistence.DataSources;
import io.shoal.persistence.DatabaseSettings;
import io.shoal.persistence.EmbeddedPostgres;
import io.shoal.persistence.Migrations;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenProtocol.AlertAcknowledged;
import io.shoal.protocol.pen.PenProtocol.AlertKind;
import io.shoal.protocol.pen.PenProtocol.AlertRaised;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import io.shoal.protocol.pen.PenProtocol.AlertSeverity;
import io.shoal.protocol.pen.PenProtocol.CameraWentOffline;
import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.HealthStatusChanged;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read-model handler on a real PostgreSQL through {@link DataSourceJdbcSession}, fed envelopes as the projection
 * would (the journal-to-projection path is tested in cluster-node, where the pen entity lives). Each test gets a
 * freshly migrated database.
 */
class PenReadModelHandlerTest {

  private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private HikariDataSource dataSource;
  private final PenReadModelHandler handler = new PenReadModelHandler();

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.start(
        new DatabaseSettings.Embedded(0, Path.of("target", "embedded-pg"), Duration.ofSeconds(60)));
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void freshDatabase() throws Exception {
    String url = postgres.createDatabase("read_model_" + DATABASES.incrementAndGet());
    dataSource = DataSources.create(new DatabaseSettings(url, EmbeddedPostgres.USER, "", 4, 1,
        Duration.ofSeconds(5), Duration.ofMinutes(30), new DatabaseSettings.Embedded(0, Path.of("target"),
        Duration.ofSeconds(60))), "read-model-test");
    Migrations.apply(dataSource);
  }

  @AfterEach
  void closePool() {
    dataSource.close();
  }

  // ------------------------------------------------------------------------------------------------------ helpers

  /** Event {@code seqNr} of {@code penId}, journaled {@code seqNr} seconds after T0. */
  private static EventEnvelope<Event> envelope(String penId, long seqNr, Event event) {
    return EventEnvelope.create(Offset.sequence(seqNr), PenPersistenceIds.PREFIX + penId, seqNr, event,
        T0.plusSeconds(seqNr).toEpochMilli());
  }

  /** Each envelope in a committed transaction of its own (the projection's smallest group). */
  private void project(List<EventEnvelope<Event>> envelopes) throws Exception {
    for (EventEnvelope<Event> envelope : envelopes) {
      projectGroup(List.of(envelope));
    }
  }

  /** {@code group} in one committed transaction, as the grouped projection hands it over. */
  private void projectGroup(List<EventEnvelope<Event>> group) throws Exception {
    DataSourceJdbcSession session = new DataSourceJdbcSession(dataSource);
    try {
      handler.process(session, group);
      session.commit();
    } finally {
      session.close();
    }
  }

  private static FrameAssessed fish(int n, String condition) {
    return new FrameAssessed("f-" + n, "cam-1", T0.plusSeconds(n), "shoal-fish:1", "salmon", 0.9f, condition, 0.7f,
        true, 0, (long) n, T0.plusSeconds(n));
  }

  private static FrameAssessed noFish(int n) {
    return new FrameAssessed("f-" + n, "cam-1", T0.plusSeconds(n), "shoal-fish:1", "no_fish", 0.95f, null, null,
        false, null, null, null);
  }

  /** A pen's life: frames, OK, a lesion alert, WARNING, acknowledged, resolved, OK again, a camera offline. */
  private static List<EventEnvelope<Event>> story(String pen) {
    List<Event> events = List.of(
        fish(1, "healthy"),                                                            // 1
        new HealthStatusChanged(HealthStatus.UNKNOWN, HealthStatus.OK, List.of()),     // 2
        fish(2, "lesion"),                                                             // 3
        new AlertRaised(pen + "-alert-1", AlertKind.CONDITION, "lesion", AlertSeverity.WARNING,
            "lesion 15% >= 10% warning", T0.plusSeconds(4)),                           // 4
        new HealthStatusChanged(HealthStatus.OK, HealthStatus.WARNING,
            List.of("lesion 15% >= 10% warning")),                                    // 5
        new AlertAcknowledged(pen + "-alert-1", "ops", T0.plusSeconds(6)),             // 6
        noFish(3),                                                                     // 7
        new AlertResolved(pen + "-alert-1", T0.plusSeconds(8)),                        // 8
        new HealthStatusChanged(HealthStatus.WARNING, HealthStatus.OK, List.of()),     // 9
        new CameraWentOffline("cam-1", T0.plusSeconds(10)),                            // 10
        new AlertRaised(pen + "-alert-2", AlertKind.CAMERA_OFFLINE, "cam-1", AlertSeverity.WARNING,
            "camera cam-1 silent since " + T0, T0.plusSeconds(11)));                   // 11
    List<EventEnvelope<Event>> envelopes = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      envelopes.add(envelope(pen, i + 1, events.get(i)));
    }
    return envelopes;
  }

  private ReadModelLimits limits() {
    return new ReadModelLimits(100);
  }

  // -------------------------------------------------------------------------------------------------------- tests

  @Test
  void aPensEventsBecomeItsStatusAlertsAndAssessments() throws Exception {
    project(story("pen-a"));

    PenStatusView status = new PenStatusRepository(dataSource, limits()).get("pen-a").orElseThrow();
    assertThat(status).isEqualTo(new PenStatusView("pen-a", HealthStatus.OK, List.of(), 3, T0.plusSeconds(11), 11));

    List<AlertView> alerts = new AlertRepository(dataSource, limits()).byPen("pen-a", 10);
    assertThat(alerts).extracting(AlertView::alertId, AlertView::kind, AlertView::subject, AlertView::state,
            AlertView::acknowledgedBy)
        .containsExactly(
            tuple("pen-a-alert-2", AlertKind.CAMERA_OFFLINE, "cam-1", AlertState.OPEN, null),
            tuple("pen-a-alert-1", AlertKind.CONDITION, "lesion", AlertState.RESOLVED, "ops"));
    AlertView lesion = alerts.get(1);
    assertThat(lesion.raisedAt()).isEqualTo(T0.plusSeconds(4));
    assertThat(lesion.acknowledgedAt()).isEqualTo(T0.plusSeconds(6));
    assertThat(lesion.resolvedAt()).isEqualTo(T0.plusSeconds(8));
    assertThat(lesion.severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(lesion.reason()).isEqualTo("lesion 15% >= 10% warning");

    List<AssessmentView> frames = new AssessmentRepository(dataSource, limits())
        .byPen("pen-a", T0, T0.plusSeconds(60), 100);
    assertThat(frames).extracting(AssessmentView::sequenceNr, AssessmentView::frameId, AssessmentView::condition,
            AssessmentView::conditionProbability, AssessmentView::fishPresent)
        .containsExactly(
            tuple(1L, "f-1", "healthy", 0.7f, true),
            tuple(3L, "f-2", "lesion", 0.7f, true),
            tuple(7L, "f-3", null, null, false));
    assertThat(frames.get(2).species()).isEqualTo("no_fish");
    assertThat(frames.get(2).speciesProbability()).isEqualTo(0.95f);
    assertThat(frames.get(0).modelVersion()).isEqualTo("shoal-fish:1");
  }

  @Test
  void aPenIsListedFromItsFirstEventOnAsUnknown() throws Exception {
    project(List.of(envelope("pen-quiet", 1, new CameraWentOffline("cam-9", T0))));
    assertThat(new PenStatusRepository(dataSource, limits()).get("pen-quiet")).get()
        .isEqualTo(new PenStatusView("pen-quiet", HealthStatus.UNKNOWN, List.of(), 0, T0.plusSeconds(1), 1));
  }

  @Test
  void replayedOrOlderEventsChangeNothing() throws Exception {
    List<EventEnvelope<Event>> story = story("pen-a");
    project(story);
    String before = dump();

    project(story);                                     // a reset offset hands everything over again
    project(List.of(story.get(1), story.get(5)));       // an old "-> OK" and an old acknowledgement
    assertThat(dump()).isEqualTo(before);
    assertThat(new PenStatusRepository(dataSource, limits()).get("pen-a").orElseThrow().framesCounted())
        .isEqualTo(3);
  }

  @Test
  void aGroupInOneTransactionEndsAsTheSameEventsOneByOne() throws Exception {
    project(story("pen-single"));
    List<EventEnvelope<Event>> a = story("pen-grouped-a");
    List<EventEnvelope<Event>> b = story("pen-grouped-b");
    List<EventEnvelope<Event>> interleaved = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      interleaved.add(a.get(i));
      interleaved.add(b.get(i));
    }
    projectGroup(interleaved);

    PenStatusRepository statuses = new PenStatusRepository(dataSource, limits());
    AlertRepository alerts = new AlertRepository(dataSource, limits());
    AssessmentRepository assessments = new AssessmentRepository(dataSource, limits());
    PenStatusView single = statuses.get("pen-single").orElseThrow();
    for (String pen : List.of("pen-grouped-a", "pen-grouped-b")) {
      PenStatusView grouped = statuses.get(pen).orElseThrow();
      assertThat(grouped).usingRecursiveComparison().ignoringFields("penId").isEqualTo(single);
      assertThat(alerts.byPen(pen, 10)).extracting(AlertView::state, AlertView::acknowledgedBy)
          .containsExactlyElementsOf(alerts.byPen("pen-single", 10).stream()
              .map(v -> org.assertj.core.groups.Tuple.tuple(v.state(), v.acknowledgedBy())).toList());
      assertThat(assessments.byPen(pen, T0, T0.plusSeconds(60), 10))
          .hasSameSizeAs(assessments.byPen("pen-single", T0, T0.plusSeconds(60), 10));
    }
  }

  @Test
  void aRolledBackSessionLeavesNoTrace() throws Exception {
    DataSourceJdbcSession session = new DataSourceJdbcSession(dataSource);
    try {
      handler.process(session, List.of(envelope("pen-b", 1, fish(1, "healthy"))));
      session.rollback();
    } finally {
      session.close();
    }
    assertThat(new PenStatusRepository(dataSource, limits()).get("pen-b")).isEmpty();
    assertThat(new AssessmentRepository(dataSource, limits()).byPen("pen-b", T0, T0.plusSeconds(60), 10)).isEmpty();
    // The pool got its connection back: all four can be taken at once.
    List<Connection> all = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        all.add(dataSource.getConnection());
      }
    } finally {
      for (Connection c : all) {
        c.close();
      }
    }
  }

  @Test
  void aSessionThatIsNeverUsedBorrowsNoConnection() throws Exception {
    DataSourceJdbcSession session = new DataSourceJdbcSession(dataSource);
    session.commit();
    session.close();
    assertThat(dataSource.getHikariPoolMXBean().getActiveConnections()).isZero();
  }

  @Test
  void anEventOfSomethingElseThanAPenIsRefused() {
    EventEnvelope<Event> stranger = EventEnvelope.create(Offset.sequence(1), "Camera|cam-1", 1L,
        (Event) fish(1, "healthy"), T0.toEpochMilli());
    DataSourceJdbcSession session = new DataSourceJdbcSession(dataSource);
    assertThatThrownBy(() -> handler.process(session, List.of(stranger)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Camera|cam-1");
    assertThat(PenPersistenceIds.penId("Pen|pen-7")).isEqualTo("pen-7");
    assertThatThrownBy(() -> PenPersistenceIds.penId("Pen|")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pensPageByStatusAndAlertsByStateWithinTheLimits() throws Exception {
    List<EventEnvelope<Event>> envelopes = new ArrayList<>();
    for (int p = 1; p <= 5; p++) {
      HealthStatus to = p % 2 == 0 ? HealthStatus.WARNING : HealthStatus.OK;
      envelopes.add(envelope("pen-" + p, 1, new HealthStatusChanged(HealthStatus.UNKNOWN, to, List.of("r" + p))));
      envelopes.add(envelope("pen-" + p, 2, new AlertRaised("pen-" + p + "-alert-1", AlertKind.CONDITION, "lesion",
          AlertSeverity.CRITICAL, "x".repeat(2000), T0.plusSeconds(p))));
    }
    project(envelopes);
    PenStatusRepository pens = new PenStatusRepository(dataSource, new ReadModelLimits(2));

    assertThat(pens.list(null, null, 10)).extracting(PenStatusView::penId).containsExactly("pen-1", "pen-2");
    assertThat(pens.list(null, "pen-2", 10)).extracting(PenStatusView::penId).containsExactly("pen-3", "pen-4");
    assertThat(pens.list(null, "pen-4", 10)).extracting(PenStatusView::penId).containsExactly("pen-5");
    assertThat(pens.list(HealthStatus.OK, "pen-1", 1)).extracting(PenStatusView::penId).containsExactly("pen-3");
    assertThat(pens.list(HealthStatus.WARNING, null, 5))
        .extracting(PenStatusView::penId, PenStatusView::reasons)
        .containsExactly(tuple("pen-2", List.of("r2")), tuple("pen-4", List.of("r4")));
    assertThat(pens.list(HealthStatus.CRITICAL, null, 5)).isEmpty();
    assertThatThrownBy(() -> pens.list(null, null, 0)).isInstanceOf(IllegalArgumentException.class);

    AlertRepository alerts = new AlertRepository(dataSource, new ReadModelLimits(3));
    assertThat(alerts.byState(AlertState.OPEN, 100)).extracting(AlertView::penId)
        .containsExactly("pen-5", "pen-4", "pen-3");
    assertThat(alerts.byState(AlertState.RESOLVED, 100)).isEmpty();
    AlertView one = alerts.get("pen-1-alert-1").orElseThrow();
    assertThat(one.reason()).hasSize(PenReadModelWriter.MAX_REASON_LENGTH);
    assertThat(one.severity()).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(alerts.get("nope")).isEmpty();
  }

  @Test
  void assessmentsAreReadByCaptureTimeRangeHalfOpenAndBounded() throws Exception {
    List<EventEnvelope<Event>> envelopes = new ArrayList<>();
    for (int n = 1; n <= 10; n++) {
      envelopes.add(envelope("pen-a", n, fish(n, "healthy")));
    }
    envelopes.add(envelope("pen-b", 1, fish(5, "healthy")));
    project(envelopes);
    AssessmentRepository repository = new AssessmentRepository(dataSource, new ReadModelLimits(4));

    assertThat(repository.byPen("pen-a", T0.plusSeconds(3), T0.plusSeconds(6), 100))
        .extracting(AssessmentView::frameId).containsExactly("f-3", "f-4", "f-5");
    assertThat(repository.byPen("pen-a", T0, T0.plusSeconds(60), 100)).hasSize(4);
    assertThat(repository.byPen("pen-a", T0, T0.plusSeconds(60), 2)).extracting(AssessmentView::frameId)
        .containsExactly("f-1", "f-2");
    assertThat(repository.byPen("pen-b", T0, T0.plusSeconds(60), 100)).extracting(AssessmentView::penId)
        .containsExactly("pen-b");
  }

  @Test
  void readModelsAnswerAsynchronouslyOnTheirOwnDispatcher() throws Exception {
    project(story("pen-q"));
    ExecutorService blocking = Executors.newSingleThreadExecutor(
        r -> new Thread(r, "read-models-test"));
    try {
      ReadModels readModels = new ReadModels(dataSource, limits(), blocking);
      assertThat(readModels.query(r -> {
        assertThat(Thread.currentThread().getName()).isEqualTo("read-models-test");
        return r.pens().get("pen-q").orElseThrow().status();
      }).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(HealthStatus.OK);
      assertThat(readModels.query(r -> r.alerts().byState(AlertState.OPEN, 10)).toCompletableFuture()
          .get(10, TimeUnit.SECONDS)).extracting(AlertView::alertId)
          .containsExactly("pen-q-alert-2");
      assertThatThrownBy(() -> readModels.query(r -> {
        throw new SQLException("boom");
      }).toCompletableFuture().get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SQLException.class);
    } finally {
      blocking.shutdownNow();
    }
  }

  /** Everything in the three read-model tables, as text. */
  private String dump() throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : List.of(
          "SELECT * FROM pen_status ORDER BY pen_id",
          "SELECT * FROM alerts ORDER BY alert_id",
          "SELECT * FROM pen_assessments ORDER BY pen_id, seq_nr")) {
        try (ResultSet rs = s.executeQuery(sql)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              out.append(rs.getString(i)).append('|');
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }
}
