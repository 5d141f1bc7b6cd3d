package io.shoal.persistence;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a child JVM by {@link EmbeddedPostgresTest}: starts an embedded PostgreSQL, prints its instance directory
 * and dies without closing it, as a crashed demo or test fork would. Its postmaster is left running.
 */
public final class OrphanMaker {

  private OrphanMaker() {}

  public static void main(String[] args) throws Exception {
    EmbeddedPostgres postgres =
        EmbeddedPostgres.start(new DatabaseSettings.Embedded(0, Path.of(args[0]), Duration.ofSeconds(60)));
    System.out.println("INSTANCE " + postgres.instanceDirectory());
    System.out.flush();
    Runtime.getRuntime().halt(0); // no shutdown hooks: nothing stops the postmaster
  }
}
