package io.shoal.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.projection.jdbc.internal.PostgresDialect;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * V2 must create exactly what pekko-projection-jdbc's own {@code PostgresDialect} would create (with our config:
 * default table names, lower-case schema). The dialect's DDL runs in a separate schema and both are compared
 * column by column, key by key, index by index.
 */
class ProjectionOffsetsSchemaTest {

  private static final List<String> TABLES =
      List.of("pekko_projection_offset_store", "pekko_projection_management");

  @Test
  void v2MatchesTheDdlOfTheLibrarysPostgresDialect() throws Exception {
    try (EmbeddedPostgres postgres =
        TestPostgres.start()) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setURL(postgres.jdbcUrl());
      dataSource.setUser(EmbeddedPostgres.USER);
      Migrations.apply(dataSource);

      PostgresDialect dialect =
          new PostgresDialect(
              Option.apply("dialect"), "pekko_projection_offset_store", "pekko_projection_management", true);
      List<String> ddl = new ArrayList<>(CollectionConverters.asJava(dialect.createTableStatements()));
      ddl.addAll(CollectionConverters.asJava(dialect.createManagementTableStatements()));
      assertThat(ddl).isNotEmpty();
      try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgres.USER, "");
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA dialect");
        for (String statement : ddl) {
          s.execute(statement);
        }
        for (String table : TABLES) {
          assertThat(columns(c, "public", table))
              .as("columns of %s", table)
              .isNotEmpty()
              .isEqualTo(columns(c, "dialect", table));
          assertThat(constraints(c, "public", table))
              .as("keys of %s", table)
              .isEqualTo(constraints(c, "dialect", table));
          assertThat(indexes(c, "public", table))
              .as("indexes of %s", table)
              .isEqualTo(indexes(c, "dialect", table));
        }

        // And the dialect's own DDL against our schema changes nothing (it is all IF NOT EXISTS).
        PostgresDialect onPublic =
            new PostgresDialect(
                Option.empty(), "pekko_projection_offset_store", "pekko_projection_management", true);
        for (String statement : CollectionConverters.asJava(onPublic.createTableStatements())) {
          s.execute(statement);
        }
        assertThat(indexes(c, "public", TABLES.get(0))).hasSize(2);
      }
    }
  }

  private static List<String> columns(Connection c, String schema, String table) throws SQLException {
    return rows(
        c,
        "SELECT column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')"
            + " || ' ' || is_nullable || ' ' || coalesce(column_default, '')"
            + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
            + " ORDER BY ordinal_position",
        schema,
        table);
  }

  private static List<String> constraints(Connection c, String schema, String table) throws SQLException {
    return rows(
        c,
        "SELECT tc.constraint_type || ' ' || string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position)"
            + " FROM information_schema.table_constraints tc"
            + " JOIN information_schema.key_column_usage kcu"
            + "   ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema"
            + " WHERE tc.table_schema = ? AND tc.table_name = ?"
            + " GROUP BY tc.constraint_name, tc.constraint_type ORDER BY 1",
        schema,
        table);
  }

  private static List<String> indexes(Connection c, String schema, String table) throws SQLException {
    return rows(
        c,
        "SELECT replace(indexdef, schemaname || '.', '') FROM pg_indexes"
            + " WHERE schemaname = ? AND tablename = ? ORDER BY indexname",
        schema,
        table);
  }

  private static List<String> rows(Connection c, String sql, String schema, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      ps.setString(2, table);
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      return rows;
    }
  }
}
