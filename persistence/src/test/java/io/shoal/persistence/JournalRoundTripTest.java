package io.shoal.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real proof that V1 fits the plugin: pekko-persistence-jdbc writes events, tags and a snapshot into the
 * migrated tables, and a new ActorSystem on the same database replays them.
 */
class JournalRoundTripTest {

  /**
   * A tiny event-sourced log: each command appends one String event; the state (also a String, so the built-in
   * string serializer stores snapshots) is the events joined by commas.
   */
  static final class Log extends EventSourcedBehavior<Log.Command, String, String> {

    sealed interface Command {}

    record Append(String entry, ActorRef<Long> replyTo) implements Command {}

    record Get(ActorRef<String> replyTo) implements Command {}

    private final ActorRef<Long> snapshotsDone;

    /** {@code snapshotsDone} hears the sequence number of every snapshot the plugin has stored. */
    static Behavior<Command> create(String id, ActorRef<Long> snapshotsDone) {
      return new Log(PersistenceId.of("Log", id), snapshotsDone);
    }

    private Log(PersistenceId id, ActorRef<Long> snapshotsDone) {
      super(id);
      this.snapshotsDone = snapshotsDone;
    }

    @Override
    public SignalHandler<String> signalHandler() {
      return newSignalHandlerBuilder()
          .onSignal(
              SnapshotCompleted.class,
              (state, done) -> snapshotsDone.tell(done.metadata().sequenceNr()))
          .build();
    }

    @Override
    public String emptyState() {
      return "";
    }

    @Override
    public CommandHandler<Command, String, String> commandHandler() {
      return newCommandHandlerBuilder()
          .forAnyState()
          .onCommand(
              Append.class,
              (state, cmd) -> Effect().persist(cmd.entry()).thenReply(cmd.replyTo(), s -> (long) s.split(",").length))
          .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
          .build();
    }

    @Override
    public EventHandler<String, String> eventHandler() {
      return newEventHandlerBuilder()
          .forAnyState()
          .onAnyEvent((state, event) -> state.isEmpty() ? event : state + "," + event);
    }

    @Override
    public Set<String> tagsFor(String event) {
      return Set.of("log");
    }

    @Override
    public RetentionCriteria retentionCriteria() {
      return RetentionCriteria.snapshotEvery(2, 2);
    }
  }

  private static Config pekkoConfig(String url) {
    return ConfigFactory.parseString(
            """
            pekko.loglevel = WARNING
            pekko.actor.provider = local
            pekko.persistence.journal.plugin = "jdbc-journal"
            pekko.persistence.snapshot-store.plugin = "jdbc-snapshot-store"
            jdbc-journal.use-shared-db = "slick"
            jdbc-snapshot-store.use-shared-db = "slick"
            jdbc-read-journal.use-shared-db = "slick"
            pekko-persistence-jdbc.shared-databases.slick {
              profile = "slick.jdbc.PostgresProfile$"
              db {
                url = "%s"
                user = "postgres"
                password = ""
                driver = "org.postgresql.Driver"
                numThreads = 2
                maxConnections = 2
                minConnections = 1
              }
            }
            """
                .formatted(url))
        .withFallback(ConfigFactory.load());
  }

  @Test
  void pluginPersistsIntoTheMigratedTablesAndANewSystemReplays() throws Exception {
    try (EmbeddedPostgres postgres =
        TestPostgres.start()) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setURL(postgres.jdbcUrl());
      dataSource.setUser(EmbeddedPostgres.USER);
      assertThat(Migrations.apply(dataSource)).isEqualTo(4);

      ActorTestKit first = ActorTestKit.create("journal-first", pekkoConfig(postgres.jdbcUrl()));
      try {
        TestProbe<Long> snapshots = first.createTestProbe();
        ActorRef<Log.Command> log = first.spawn(Log.create("pen-1", snapshots.ref()));
        TestProbe<Long> persisted = first.createTestProbe();
        for (String entry : List.of("a", "b", "c")) {
          log.tell(new Log.Append(entry, persisted.ref()));
        }
        // The first write also starts the plugin and its pool: on a busy machine that is more than the probe's
        // default 3 s.
        Duration firstWrites = Duration.ofSeconds(20);
        assertThat(List.of(persisted.receiveMessage(firstWrites), persisted.receiveMessage(firstWrites),
                persisted.receiveMessage(firstWrites)))
            .containsExactly(1L, 2L, 3L);
        assertThat(snapshots.receiveMessage(Duration.ofSeconds(10))).isEqualTo(2L);
      } finally {
        first.shutdownTestKit();
      }

      try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgres.USER, "");
          Statement s = c.createStatement()) {
        assertThat(count(s, "SELECT count(*) FROM event_journal WHERE persistence_id = 'Log|pen-1'"))
            .isEqualTo(3);
        assertThat(
                count(
                    s,
                    "SELECT count(*) FROM event_tag t JOIN event_journal j ON j.ordering = t.event_id"
                        + " WHERE t.tag = 'log'"))
            .isEqualTo(3);
        assertThat(count(s, "SELECT max(sequence_number) FROM snapshot WHERE persistence_id = 'Log|pen-1'"))
            .isEqualTo(2);
      }

      ActorTestKit second = ActorTestKit.create("journal-second", pekkoConfig(postgres.jdbcUrl()));
      try {
        ActorRef<Log.Command> recovered =
            second.spawn(Log.create("pen-1", second.<Long>createTestProbe().ref()));
        TestProbe<String> state = second.createTestProbe();
        recovered.tell(new Log.Get(state.ref()));
        assertThat(state.receiveMessage(Duration.ofSeconds(10))).isEqualTo("a,b,c");
      } finally {
        second.shutdownTestKit();
      }
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
