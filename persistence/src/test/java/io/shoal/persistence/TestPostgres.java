package io.shoal.persistence;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Embedded PostgreSQL for tests, under one known directory ({@code target/embedded-pg}) so that the postmaster of a
 * test JVM that crashed is stopped and removed by the next test run.
 */
final class TestPostgres {

  static final Path PARENT = Path.of("target", "embedded-pg");

  private TestPostgres() {}

  static DatabaseSettings.Embedded settings() {
    return new DatabaseSettings.Embedded(0, PARENT, Duration.ofSeconds(60));
  }

  static EmbeddedPostgres start() throws IOException {
    return EmbeddedPostgres.start(settings());
  }
}
