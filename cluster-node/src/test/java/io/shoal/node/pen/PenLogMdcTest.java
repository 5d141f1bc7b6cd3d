package io.shoal.node.pen;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.shoal.node.Eventually;
import io.shoal.node.MutableClock;
import io.shoal.node.ReferenceConfig;
import io.shoal.node.health.HealthSettings;
import io.shoal.observability.logging.LogKeys;
import io.shoal.protocol.pen.ConditionThresholds;
import io.shoal.protocol.pen.PenProtocol.AssessFrame;
import io.shoal.protocol.pen.PenProtocol.Command;
import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.KafkaPosition;
import io.shoal.protocol.pen.PenThresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A pen entity's log lines name the pen, and the frame that caused them: its own transition lines and the lines
 * Pekko persistence writes on its behalf, which run on the journal's and snapshot store's replies rather than on
 * the frame's command.
 */
class PenLogMdcTest {

  private static final ActorTestKit testKit = ActorTestKit.create(
      EventSourcedBehaviorTestKit.config().withFallback(ReferenceConfig.withOverrides("")));

  /** The logger of Pekko persistence's own lines about an entity (use-context-logger-for-internal-logging off). */
  private static final String PERSISTENCE_LOGGER = "org.apache.pekko.persistence.typed.internal.EventSourcedBehaviorImpl";
  private static final Duration PATIENCE = Duration.ofSeconds(5);
  private static final Instant NOW = Instant.parse("2026-11-26T07:00:00Z");
  private static final HealthSettings HEALTH = new HealthSettings(20, Duration.ofMinutes(10), 0.8,
      Duration.ofMinutes(2), 3, new PenThresholds(Map.of("lesion", new ConditionThresholds(0.10, 0.25)), 10));
  /** A snapshot after every event, so the snapshot store answers (and persistence logs it) at each frame. */
  private static final PenSettings SNAPSHOT_EVERY_EVENT = new PenSettings(1, 1, 8, 4);

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void a_transition_line_names_the_pen_the_camera_and_the_frame_that_caused_it() throws Exception {
    try (CapturedLogs transitions = new CapturedLogs(TransitionLog.LOGGER, Level.INFO)) {
      var pen = EventSourcedBehaviorTestKit.<Command, Event, PenEntity.State>create(testKit.system(),
          PenEntity.create("pen-mdc-1", SNAPSHOT_EVERY_EVENT, HEALTH, new MutableClock(NOW)));

      var result = pen.<FrameOutcome>runCommand(replyTo -> new AssessFrame("frame-17", "cam-3", NOW.minusSeconds(1),
          PenEntityTest.fish("healthy"), new KafkaPosition(2, 40L), replyTo));

      assertThat(result.reply()).isEqualTo(new FrameAccepted("frame-17", false));
      // The first counted frame makes the pen OK: one transition line, written after the journal's reply.
      ILoggingEvent line = firstLine(transitions, e -> e.getFormattedMessage().contains("health UNKNOWN -> OK"));
      assertThat(line.getMDCPropertyMap())
          .containsEntry(LogKeys.PEN_ID, "pen-mdc-1")
          .containsEntry(LogKeys.CAMERA_ID, "cam-3")
          .containsEntry(LogKeys.FRAME_ID, "frame-17");
    }
    assertThat(MDC.getCopyOfContextMap()).as("the test thread's MDC").isNullOrEmpty();
  }

  @Test
  void lines_pekko_persistence_writes_for_the_entity_name_the_pen() throws Exception {
    try (CapturedLogs persistence = new CapturedLogs(PERSISTENCE_LOGGER, Level.DEBUG)) {
      var pen = EventSourcedBehaviorTestKit.<Command, Event, PenEntity.State>create(testKit.system(),
          PenEntity.create("pen-mdc-2", SNAPSHOT_EVERY_EVENT, HEALTH, new MutableClock(NOW)));

      pen.<FrameOutcome>runCommand(replyTo -> new AssessFrame("frame-1", "cam-1", NOW.minusSeconds(1),
          PenEntityTest.fish("healthy"), new KafkaPosition(0, 1L), replyTo));

      // Logged by Pekko's own logger, on the snapshot store's reply: only the entity's per-message MDC names it.
      ILoggingEvent line = firstLine(persistence,
          e -> e.getFormattedMessage().startsWith("Save snapshot successful")
              && "pen-mdc-2".equals(e.getMDCPropertyMap().get(LogKeys.PEN_ID)));
      assertThat(line.getMDCPropertyMap()).containsEntry("persistenceId", PenEntity.persistenceId("pen-mdc-2").id());
    }
  }

  /** The first captured line {@code wanted}: lines are written on the entity's thread, after the reply. */
  private static ILoggingEvent firstLine(CapturedLogs logs, Predicate<ILoggingEvent> wanted) throws Exception {
    AtomicReference<ILoggingEvent> line = new AtomicReference<>();
    Eventually.within(PATIENCE, () -> line.set(logs.events().stream().filter(wanted).findFirst()
        .orElseThrow(() -> new AssertionError("no such line in " + logs.events().stream()
            .map(e -> e.getFormattedMessage() + " " + e.getMDCPropertyMap()).toList()))));
    return line.get();
  }
}
