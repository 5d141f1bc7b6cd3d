package io.shoal.node.boot;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.shoal.node.ClusterOnPostgres;
import io.shoal.node.ingest.EmbeddedKafka;
import io.shoal.node.ingest.KafkaSettings;
import io.shoal.persistence.DatabaseSettings;
import io.shoal.persistence.EmbeddedPostgres;
import io.shoal.persistence.Migrations;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What whole-node tests run against: an embedded PostgreSQL (migrated) and an in-process Kafka with the frames,
 * dead-letter and pen-health topics. Nodes get their configuration from {@link #nodeConfig}: reference.conf,
 * shoal-node.conf and the test's overrides, never the machine's environment.
 */
final class TestServices implements AutoCloseable {

  static final String FRAMES = "shoal.frames";
  static final String DEAD_LETTER = "shoal.frames.dead-letter";
  static final String PEN_HEALTH = "shoal.pen-health";
  static final String TEST_JWT_SECRET = "a-test-secret-of-at-least-thirty-two-bytes";

  final EmbeddedPostgres postgres;
  final EmbeddedKafka kafka;

  private TestServices(EmbeddedPostgres postgres, EmbeddedKafka kafka) {
    this.postgres = postgres;
    this.kafka = kafka;
  }

  static TestServices start(int partitions) throws IOException {
    EmbeddedPostgres postgres =
        ClusterOnPostgres.startPostgres();
    try {
      EmbeddedKafka kafka = EmbeddedKafka.start();
      kafka.createTopics(partitions, FRAMES, DEAD_LETTER, PEN_HEALTH);
      TestServices services = new TestServices(postgres, kafka);
      Migrations.apply(DatabaseSettings.fromConfig(services.nodeConfig(0, List.of(), Map.of())));
      return services;
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  /**
   * A node's configuration on these services: remoting on {@code port} (0 = any, for a node on its own), joining
   * {@code seeds} (empty = forms its own cluster), with {@code overrides} on top.
   */
  Config nodeConfig(int port, List<String> seeds, Map<String, ?> overrides) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("shoal.db.url", postgres.jdbcUrl());
    settings.put("shoal.db.user", EmbeddedPostgres.USER);
    settings.put("shoal.db.password", "");
    settings.put("shoal.kafka.bootstrap-servers", kafka.bootstrapServers());
    settings.put("shoal.cluster.port", port);
    settings.put("shoal.cluster.seed-nodes", String.join(",", seeds));
    settings.put("shoal.cluster.self-join", seeds.isEmpty());
    // Several nodes in one JVM: each API on a port of its own, verifying tokens with a test secret.
    settings.put("shoal.http.port", 0);
    settings.put("shoal.management.port", 0);
    settings.put("shoal.http.auth.hs256-secret", TEST_JWT_SECRET);
    settings.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    settings.put("pekko.loglevel", "WARNING");
    // Kamon is JVM-wide and instruments every class loaded after it: only the metrics IT (its own JVM) turns it on.
    settings.put("shoal.metrics.enabled", false);
    settings.putAll(overrides);
    return NodeConfig.load(ConfigFactory.parseMap(settings), false);
  }

  static String seedAddress(int port) {
    return "pekko://" + NodeConfig.SYSTEM_NAME + "@127.0.0.1:" + port;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  KafkaSettings kafkaSettings() {
    return KafkaSettings.fromConfig(nodeConfig(0, List.of(), Map.of()));
  }

  /** Rows of a query on the database, each row's columns as strings. */
  List<List<String>> query(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgres.USER, "");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
          row.add(result.getString(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public void close() throws IOException {
    try {
      kafka.close();
    } finally {
      postgres.close();
    }
  }
}
