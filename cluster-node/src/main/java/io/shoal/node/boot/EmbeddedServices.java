package io.shoal.node.boot;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.shoal.node.ingest.EmbeddedKafka;
import io.shoal.persistence.DatabaseSettings;
import io.shoal.persistence.EmbeddedPostgres;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services a zero-setup node needs and the machine may not have: an embedded PostgreSQL unless
 * {@code shoal.db.url} is set, an in-process Kafka unless {@code SHOAL_KAFKA_BOOTSTRAP} is. {@link #overrides()} points
 * a node's configuration at whatever was started.
 */
public final class EmbeddedServices implements AutoCloseable {

  /** Set to use an existing Kafka instead of starting one (the demo's only way to tell "given" from the default). */
  public static final String KAFKA_BOOTSTRAP_ENV = "SHOAL_KAFKA_BOOTSTRAP";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedServices.class);

  private final EmbeddedPostgres postgres;
  private final EmbeddedKafka kafka;
  private final Config overrides;

  private EmbeddedServices(EmbeddedPostgres postgres, EmbeddedKafka kafka, Config overrides) {
    this.postgres = postgres;
    this.kafka = kafka;
    this.overrides = overrides;
  }

  /**
   * Starts what {@code config} does not point at, and creates the topics with {@code partitions} partitions on an
   * embedded Kafka (an existing Kafka keeps its own topics and settings).
   */
  public static EmbeddedServices start(Config config, String kafkaBootstrapFromEnv, int partitions,
      List<String> topics) throws IOException {
    Map<String, Object> overrides = new HashMap<>();
    DatabaseSettings database = DatabaseSettings.fromConfig(config);
    EmbeddedPostgres postgres = null;
    EmbeddedKafka kafka = null;
    try {
      if (database.hasUrl()) {
        log.info("Using PostgreSQL at {}", database.url());
      } else {
        postgres = EmbeddedPostgres.start(database.embedded());
        overrides.put("shoal.db.url", postgres.jdbcUrl());
        overrides.put("shoal.db.user", EmbeddedPostgres.USER);
        overrides.put("shoal.db.password", "");
      }
      if (kafkaBootstrapFromEnv != null && !kafkaBootstrapFromEnv.isBlank()) {
        log.info("Using Kafka at {}", kafkaBootstrapFromEnv);
        overrides.put("shoal.kafka.bootstrap-servers", kafkaBootstrapFromEnv);
      } else {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(partitions, topics.toArray(String[]::new));
        overrides.put("shoal.kafka.bootstrap-servers", kafka.bootstrapServers());
      }
      return new EmbeddedServices(postgres, kafka, ConfigFactory.parseMap(overrides));
    } catch (IOException | RuntimeException e) {
      closeQuietly(kafka);
      closeQuietly(postgres);
      throw e;
    }
  }

  /** Configuration pointing a node at the services in use. */
  public Config overrides() {
    return overrides;
  }

  /** Stops what was started here, Kafka first (the node using both has stopped already). */
  @Override
  public void close() {
    closeQuietly(kafka);
    closeQuietly(postgres);
  }

  private static void closeQuietly(AutoCloseable service) {
    if (service == null) {
      return;
    }
    try {
      service.close();
    } catch (Exception e) {
      log.warn("Stopping {} failed", service, e);
    }
  }
}
