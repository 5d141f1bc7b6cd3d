package io.shoal.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Flyway migrations on a real (embedded) PostgreSQL, each test on a fresh database. */
class MigrationsTest {

  private static EmbeddedPostgres postgres;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private HikariDataSource dataSource;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = TestPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void freshDatabase() throws Exception {
    String url = postgres.createDatabase("migrations_" + DATABASES.incrementAndGet());
    dataSource = DataSources.create(settingsFor(url, 2), "migrations-test");
  }

  private static DatabaseSettings settingsFor(String url, int poolSize) {
    return new DatabaseSettings(
        url,
        EmbeddedPostgres.USER,
        "",
        poolSize,
        1,
        Duration.ofSeconds(5),
        Duration.ofMinutes(30),
        TestPostgres.settings());
  }

  @AfterEach
  void closePool() {
    dataSource.close();
  }

  @Test
  void appliesAllVersionsOnAFreshDatabaseAndNothingOnTheSecondRun() {
    assertThat(Migrations.apply(dataSource)).isEqualTo(4);
    assertThat(Migrations.apply(dataSource)).isZero();

    MigrationInfo[] applied = Migrations.flyway(dataSource).info().applied();
    assertThat(applied)
        .extracting(i -> i.getVersion().getVersion() + " " + i.getDescription())
        .containsExactly("1 journal and snapshots", "2 projection offsets", "3 read models",
            "4 pen status without species mix");
    assertThat(applied).allSatisfy(i -> assertThat(i.getState().isFailed()).isFalse());
    Migrations.flyway(dataSource).validate();
  }

  @Test
  void nodesStartingTogetherApplyEachVersionExactlyOnce() throws Exception {
    // Several cluster nodes, each with its own pool, call Migrations.apply on start; Flyway's PostgreSQL advisory
    // lock serialises them.
    java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
    try (HikariDataSource otherNode = DataSources.create(settingsFor(dataSource.getJdbcUrl(), 2), "other-node")) {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      var first =
          nodes.submit(
              () -> {
                go.await();
                return Migrations.apply(dataSource);
              });
      var second =
          nodes.submit(
              () -> {
                go.await();
                return Migrations.apply(otherNode);
              });
      go.countDown();
      int executed =
          first.get(60, java.util.concurrent.TimeUnit.SECONDS)
              + second.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(executed).isEqualTo(4);
    } finally {
      nodes.shutdownNow();
    }
    assertThat(Migrations.flyway(dataSource).info().applied()).hasSize(4);
  }

  @Test
  void aPoolOfOneIsRefusedUpFrontAndSettingsMigrateOverTheirOwnConnections() {
    // Flyway holds two connections while migrating: a pool of one would wait for itself until it times out.
    DatabaseSettings settings = settingsFor(dataSource.getJdbcUrl(), 1);
    try (HikariDataSource single = DataSources.create(settings, "single")) {
      assertThatThrownBy(() -> Migrations.apply(single))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("two connections");
    }
    assertThat(Migrations.apply(settings)).isEqualTo(4);
    assertThat(Migrations.apply(dataSource)).isZero();
  }

  @Test
  void createsEveryTableWithItsPrimaryKey() throws SQLException {
    Migrations.apply(dataSource);
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("event_journal", List.of("persistence_id", "sequence_number"));
    expected.put("event_tag", List.of("event_id", "tag"));
    expected.put("snapshot", List.of("persistence_id", "sequence_number"));
    expected.put("durable_state", List.of("persistence_id"));
    expected.put("pekko_projection_offset_store", List.of("projection_name", "projection_key"));
    expected.put("pekko_projection_management", List.of("projection_name", "projection_key"));
    expected.put("pen_status", List.of("pen_id"));
    expected.put("alerts", List.of("alert_id"));
    expected.put("pen_assessments", List.of("pen_id", "seq_nr"));
    expected.put("users", List.of("username"));
    expected.put("audit_log", List.of("id"));
    for (Map.Entry<String, List<String>> table : expected.entrySet()) {
      assertThat(primaryKey(table.getKey())).as("primary key of %s", table.getKey()).isEqualTo(table.getValue());
    }
  }

  @Test
  void createsTheIndexesTheQueriesNeed() throws SQLException {
    Migrations.apply(dataSource);
    Map<String, String> indexes = indexDefinitions();
    assertThat(indexes.get("event_journal_ordering_idx")).contains("UNIQUE").contains("(ordering)");
    assertThat(indexes.get("state_tag_idx")).contains("durable_state").contains("(tag)");
    assertThat(indexes.get("state_global_offset_idx")).contains("(global_offset)");
    assertThat(indexes.get("projection_name_index")).contains("pekko_projection_offset_store");
    assertThat(indexes.get("alerts_state_raised_idx")).contains("(state, raised_at DESC)");
    assertThat(indexes.get("alerts_pen_raised_idx")).contains("(pen_id, raised_at DESC)");
    assertThat(indexes.get("pen_assessments_pen_captured_idx")).contains("(pen_id, captured_at)");
    assertThat(indexes.get("audit_log_at_idx")).contains("(at)");
    // Built in the migration's transaction: none of them may be left INVALID (what CONCURRENTLY can leave behind).
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_index WHERE NOT indisvalid")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void theTimeRangeQueryOnAssessmentsUsesTheIndex() throws SQLException {
    Migrations.apply(dataSource);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      // 4 pens x 5,000 frames one second apart, then statistics, as a running system would have them.
      s.executeUpdate(
          "INSERT INTO pen_assessments (pen_id, seq_nr, frame_id, camera_id, captured_at, species,"
              + " species_prob, condition, condition_prob, fish_present, model_version)"
              + " SELECT 'pen-' || (g % 4), g, 'frame-' || g, 'cam-1',"
              + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second', 'salmon', 0.9,"
              + " 'healthy', 0.8, true, 'v1' FROM generate_series(1, 20000) g");
      s.execute("ANALYZE pen_assessments");
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs =
          s.executeQuery(
              "EXPLAIN SELECT * FROM pen_assessments WHERE pen_id = 'pen-1'"
                  + " AND captured_at >= timestamptz '2026-01-01 01:00:00+00'"
                  + " AND captured_at < timestamptz '2026-01-01 01:10:00+00'")) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      assertThat(plan.toString()).contains("pen_assessments_pen_captured_idx");
    }
  }

  @Test
  void theJournalAcceptsARowShapedLikeThePluginWritesIt() throws SQLException {
    Migrations.apply(dataSource);
    try (Connection c = dataSource.getConnection()) {
      long ordering;
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO event_journal (persistence_id, sequence_number, deleted, writer, write_timestamp,"
                  + " adapter_manifest, event_ser_id, event_ser_manifest, event_payload)"
                  + " VALUES (?, ?, false, ?, ?, '', ?, '', ?) RETURNING ordering")) {
        insert.setString(1, "Pen|pen-1");
        insert.setLong(2, 1);
        insert.setString(3, "writer-uuid");
        insert.setLong(4, System.currentTimeMillis());
        insert.setInt(5, 20);
        insert.setBytes(6, "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (ResultSet rs = insert.executeQuery()) {
          rs.next();
          ordering = rs.getLong(1);
        }
      }
      try (PreparedStatement tag = c.prepareStatement("INSERT INTO event_tag (event_id, tag) VALUES (?, ?)")) {
        tag.setLong(1, ordering);
        tag.setString(2, "pen-0");
        tag.executeUpdate();
      }
      // The same (persistence id, sequence nr) twice is what the primary key exists to refuse.
      assertThatThrownBy(
              () -> {
                try (Statement s = c.createStatement()) {
                  s.executeUpdate(
                      "INSERT INTO event_journal (persistence_id, sequence_number, writer, event_ser_id,"
                          + " event_ser_manifest, event_payload) VALUES ('Pen|pen-1', 1, 'w', 20, '', '\\x00')");
                }
              })
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("duplicate key");
      // Deleting the event removes its tags (ON DELETE CASCADE).
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM event_journal WHERE ordering = " + ordering);
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM event_tag")) {
          rs.next();
          assertThat(rs.getInt(1)).isZero();
        }
      }
    }
  }

  @Test
  void readModelsRefuseValuesOutsideTheirDomain() throws SQLException {
    Migrations.apply(dataSource);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO pen_status (pen_id, status, reasons, frames_counted, updated_at,"
              + " last_sequence_nr) VALUES ('pen-1', 'WARNING', '[\"lesion 12%\"]', 40,"
              + " now(), 41)");
      s.executeUpdate(
          "INSERT INTO alerts (alert_id, pen_id, kind, subject, severity, state, reason, raised_at)"
              + " VALUES ('pen-1-1', 'pen-1', 'condition', 'lesion', 'WARNING', 'open', 'lesion 12%', now())");
      List<String> refused = new ArrayList<>();
      for (String bad :
          List.of(
              "UPDATE pen_status SET status = 'FINE'",
              "UPDATE alerts SET state = 'closed'",
              "UPDATE alerts SET acknowledged_by = 'ops'",
              "INSERT INTO pen_assessments (pen_id, seq_nr, frame_id, camera_id, captured_at, species_prob,"
                  + " fish_present, model_version) VALUES ('pen-1', 1, 'f', 'c', now(), 1.5, true, 'v1')")) {
        try {
          s.executeUpdate(bad);
        } catch (SQLException e) {
          refused.add(bad);
        }
      }
      assertThat(refused).hasSize(4);
    }
  }

  private List<String> primaryKey(String table) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT kcu.column_name FROM information_schema.table_constraints tc"
                    + " JOIN information_schema.key_column_usage kcu"
                    + "   ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema"
                    + " WHERE tc.table_schema = 'public' AND tc.table_name = ?"
                    + "   AND tc.constraint_type = 'PRIMARY KEY'"
                    + " ORDER BY kcu.ordinal_position")) {
      ps.setString(1, table);
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
      return columns;
    }
  }

  private Map<String, String> indexDefinitions() throws SQLException {
    Map<String, String> indexes = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")) {
      while (rs.next()) {
        indexes.put(rs.getString(1), rs.getString(2));
      }
    }
    return indexes;
  }
}
