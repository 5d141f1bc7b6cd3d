package io.shoal.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

  @TempDir Path parent;

  private DatabaseSettings.Embedded settings() {
    return new DatabaseSettings.Embedded(0, parent, Duration.ofSeconds(60));
  }

  @Test
  void startsAnswersQueriesAndLeavesNothingBehindOnClose() throws Exception {
    Path instance;
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(settings())) {
      instance = postgres.instanceDirectory();
      System.out.println("embedded PostgreSQL start-up: " + postgres.startupTime().toMillis() + " ms");
      assertThat(instance).isDirectory();
      try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgres.USER, "");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('server_version_num')")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(EmbeddedPostgres.DATABASE);
        assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(170000);
      }
      // A live instance owned by this JVM is never mistaken for an orphan.
      assertThat(EmbeddedPostgres.cleanUpOrphans(parent)).isZero();
      assertThat(instance).isDirectory();
      try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgres.USER, "")) {
        assertThat(c.isValid(2)).isTrue();
      }
    }
    assertThat(instance).doesNotExist();
    try (var left = Files.list(parent)) {
      assertThat(left.filter(p -> p.getFileName().toString().startsWith("instance-"))).isEmpty();
    }
  }

  @Test
  void twoInstancesRunSideBySideOnDifferentPorts() throws Exception {
    try (EmbeddedPostgres a = EmbeddedPostgres.start(settings());
        EmbeddedPostgres b = EmbeddedPostgres.start(settings())) {
      assertThat(a.port()).isNotEqualTo(b.port());
      assertThat(a.createDatabase("fresh_one")).endsWith("/fresh_one");
    }
  }

  @Test
  void theNextStartStopsAndRemovesThePostmasterOfACrashedJvm() throws Exception {
    Path instance = crashAJvmWithARunningInstance();
    long pid = postmasterPid(instance);
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    assertThat(postmaster.isAlive()).as("orphaned postmaster %s still running", pid).isTrue();

    try (EmbeddedPostgres fresh = EmbeddedPostgres.start(settings())) {
      // start() cleaned up first: the orphan's postmaster is gone and so is its directory.
      postmaster.onExit().get(15, TimeUnit.SECONDS);
      assertThat(postmaster.isAlive()).isFalse();
      assertThat(instance).doesNotExist();
      assertThat(fresh.instanceDirectory()).isDirectory();
    }
  }

  private Path crashAJvmWithARunningInstance() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    OrphanMaker.class.getName(),
                    parent.toString()))
            .redirectErrorStream(true)
            .start();
    String instanceLine = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.append(line).append('\n');
        if (line.startsWith("INSTANCE ")) {
          instanceLine = line.substring("INSTANCE ".length());
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(instanceLine).as("child output:%n%s", output).isNotNull();
    return Path.of(instanceLine);
  }

  private static long postmasterPid(Path instance) throws Exception {
    List<String> lines = Files.readAllLines(instance.resolve("data").resolve("postmaster.pid"));
    return Long.parseLong(lines.get(0).trim());
  }
}
