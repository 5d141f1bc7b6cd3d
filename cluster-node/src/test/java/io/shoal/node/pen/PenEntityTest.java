package io.shoal.node.pen;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.MutableClock;
import io.shoal.node.ReferenceConfig;
import io.shoal.node.health.HealthSettings;
import io.shoal.protocol.inference.InferenceProtocol;
import io.shoal.protocol.inference.LabelScore;
import io.shoal.protocol.inference.Prediction;
import io.shoal.protocol.pen.ConditionThresholds;
import io.shoal.protocol.pen.HealthStatus;
import io.shoal.protocol.pen.PenProtocol.AcknowledgeAlert;
import io.shoal.protocol.pen.PenProtocol.AcknowledgeOutcome;
import io.shoal.protocol.pen.PenProtocol.Acknowledged;
import io.shoal.protocol.pen.PenProtocol.AlertAcknowledged;
import io.shoal.protocol.pen.PenProtocol.AlertKind;
import io.shoal.protocol.pen.PenProtocol.AlertRaised;
import io.shoal.protocol.pen.PenProtocol.AlertResolved;
import io.shoal.protocol.pen.PenProtocol.AlertSeverity;
import io.shoal.protocol.pen.PenProtocol.AssessFrame;
import io.shoal.protocol.pen.PenProtocol.CameraCameBack;
import io.shoal.protocol.pen.PenProtocol.CameraView;
import io.shoal.protocol.pen.PenProtocol.CameraWentOffline;
import io.shoal.protocol.pen.PenProtocol.CheckCameras;
import io.shoal.protocol.pen.PenProtocol.Command;
import io.shoal.protocol.pen.PenProtocol.Configure;
import io.shoal.protocol.pen.PenProtocol.Done;
import io.shoal.protocol.pen.PenProtocol.Event;
import io.shoal.protocol.pen.PenProtocol.FrameAccepted;
import io.shoal.protocol.pen.PenProtocol.FrameAssessed;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import io.shoal.protocol.pen.PenProtocol.FrameRejected;
import io.shoal.protocol.pen.PenProtocol.GetHealth;
import io.shoal.protocol.pen.PenProtocol.HealthStatusChanged;
import io.shoal.protocol.pen.PenProtocol.KafkaPosition;
import io.shoal.protocol.pen.PenProtocol.OpenAlert;
import io.shoal.protocol.pen.PenProtocol.PenConfigured;
import io.shoal.protocol.pen.PenProtocol.PenHealth;
import io.shoal.protocol.pen.PenProtocol.UnknownAlert;
import io.shoal.protocol.pen.PenProtocol;
import io.shoal.protocol.pen.PenThresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResult;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.query.javadsl.PersistenceTestKitReadJournal;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PenEntityTest {

  // Events, commands and state go through the CBOR serializer in every test (enabledSerializationSettings).
  private static final ActorTestKit testKit = ActorTestKit.create(
      EventSourcedBehaviorTestKit.config().withFallback(ReferenceConfig.withOverrides("")));

  private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
  /** The command handler's clock (times of alerts, acknowledgements, configuration). */
  private static final Instant NOW = T0.plus(Duration.ofHours(1));

  /** Lesion warns at 10 % and is critical at 25 %; fin damage is not watched; a rate needs 10 fish frames. */
  private static final PenThresholds THRESHOLDS = new PenThresholds(Map.of(
      "lesion", new ConditionThresholds(0.10, 0.25),
      "dead", new ConditionThresholds(null, 0.02)), 10);
  private static final HealthSettings HEALTH =
      new HealthSettings(20, Duration.ofMinutes(10), 0.8, Duration.ofMinutes(2), 3, THRESHOLDS);
  private static final PenSettings PEN = new PenSettings(1000, 2, 8, 4);

  private static final AtomicInteger pens = new AtomicInteger();

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  private static final class Pen {
    final String id = "pen-" + pens.incrementAndGet();
    final EventSourcedBehaviorTestKit<Command, Event, PenEntity.State> kit;
    /** The command handler's clock: NOW unless a test moves it (frames are received at its time). */
    final MutableClock clock = new MutableClock(NOW);

    Pen(PenSettings settings) {
      kit = EventSourcedBehaviorTestKit.create(testKit.system(),
          PenEntity.create(id, settings, HEALTH, clock),
          EventSourcedBehaviorTestKit.enabledSerializationSettings());
    }

    Pen() {
      this(PEN);
    }

    /** Frame number {@code n} of {@code camera}, captured n seconds after T0. */
    CommandResultWithReply<Command, Event, PenEntity.State, FrameOutcome> frame(String camera, int n,
        Prediction prediction) {
      return kit.runCommand(replyTo -> new AssessFrame(camera + "-" + n, camera, T0.plusSeconds(n), prediction,
          new KafkaPosition(3, 1000L + n), replyTo));
    }

    /** Frames from..to (inclusive) of cam-1, each showing {@code condition}; returns the last result. */
    CommandResultWithReply<Command, Event, PenEntity.State, FrameOutcome> frames(int from, int to,
        String condition) {
      CommandResultWithReply<Command, Event, PenEntity.State, FrameOutcome> last = null;
      for (int n = from; n <= to; n++) {
        last = frame("cam-1", n, fish(condition));
        assertThat(last.reply()).isEqualTo(new FrameAccepted("cam-1-" + n, false));
      }
      return last;
    }

    PenHealth health() {
      return kit.<PenHealth>runCommand(GetHealth::new).reply();
    }
  }

  static Prediction fish(String condition) {
    return new Prediction("shoal-fish:1", true, new LabelScore("salmon", 0.9f), new LabelScore(condition, 0.7f),
        List.of(new LabelScore("salmon", 0.9f), new LabelScore("no_fish", 0.1f)),
        List.of(new LabelScore(condition, 0.7f), new LabelScore("other", 0.3f)));
  }

  static Prediction noFish() {
    return new Prediction("shoal-fish:1", false, new LabelScore("no_fish", 0.95f), new LabelScore("healthy", 0.5f),
        List.of(new LabelScore("salmon", 0.05f), new LabelScore("no_fish", 0.95f)),
        List.of(new LabelScore("healthy", 0.5f), new LabelScore("lesion", 0.5f)));
  }

  @Test
  void firstFrameIsPersistedWithItsKafkaPositionAndMakesThePenOk() {
    Pen pen = new Pen();
    var result = pen.frame("cam-1", 1, fish("healthy"));

    assertThat(result.reply()).isEqualTo(new FrameAccepted("cam-1-1", false));
    assertThat(result.events()).containsExactly(
        new FrameAssessed("cam-1-1", "cam-1", T0.plusSeconds(1), "shoal-fish:1", "salmon", 0.9f, "healthy", 0.7f,
            true, 3, 1001L, NOW),
        new HealthStatusChanged(HealthStatus.UNKNOWN, HealthStatus.OK, List.of()));

    var noFish = pen.frame("cam-1", 2, noFish());
    assertThat(noFish.eventOfType(FrameAssessed.class).condition()).isNull();
    PenHealth health = pen.health();
    assertThat(health.status()).isEqualTo(HealthStatus.OK);
    assertThat(health.framesAssessed()).isEqualTo(2);
    assertThat(health.windowFishFrames()).isEqualTo(1);
    assertThat(health.speciesMix()).isEqualTo(Map.of("salmon", 1.0));
    assertThat(health.conditionPrevalence()).isEqualTo(Map.of("healthy", 1.0, "lesion", 0.0, "dead", 0.0));
    assertThat(health.openAlerts()).isEmpty();
    // Liveness is judged on when the pen received a camera's frames, not on the camera's capture times.
    assertThat(health.cameras()).containsExactly(new CameraView("cam-1", NOW, false));
  }

  @Test
  void lesionOutbreakRaisesAWarningThenEscalatesToCriticalWithANewAlert() {
    Pen pen = new Pen();
    pen.frames(1, 8, "healthy");
    // 9 fish frames are below the minimum sample of 10: 1 lesion in 9 raises nothing yet.
    assertThat(pen.frames(9, 9, "lesion").events()).hasSize(1);

    var warning = pen.frames(10, 10, "lesion"); // 2 of 10 = 20 %
    String reason = "lesion 20.0% of 10 fish frames (warning at 10%)";
    assertThat(warning.events()).containsExactly(
        warning.events().get(0),
        new AlertRaised(pen.id + "-alert-1", AlertKind.CONDITION, "lesion", AlertSeverity.WARNING, reason, NOW),
        new HealthStatusChanged(HealthStatus.OK, HealthStatus.WARNING, List.of(reason)));
    assertThat(warning.state().status()).isEqualTo(HealthStatus.WARNING);

    var critical = pen.frames(11, 11, "lesion"); // 3 of 11 = 27 %
    String criticalReason = "lesion 27.3% of 11 fish frames (critical at 25%)";
    assertThat(critical.events()).containsExactly(
        critical.events().get(0),
        new AlertResolved(pen.id + "-alert-1", NOW),
        new AlertRaised(pen.id + "-alert-2", AlertKind.CONDITION, "lesion", AlertSeverity.CRITICAL, criticalReason,
            NOW),
        new HealthStatusChanged(HealthStatus.WARNING, HealthStatus.CRITICAL, List.of(criticalReason)));

    PenHealth health = pen.health();
    assertThat(health.status()).isEqualTo(HealthStatus.CRITICAL);
    assertThat(health.reasons()).containsExactly(criticalReason);
    assertThat(health.conditionPrevalence().get("lesion")).isEqualTo(3.0 / 11);
    assertThat(health.openAlerts()).extracting(OpenAlert::alertId).containsExactly(pen.id + "-alert-2");
  }

  @Test
  void aRedeliveredFrameIsAnsweredAsDuplicateAndNotCountedTwice() {
    Pen pen = new Pen();
    pen.frames(1, 3, "lesion");

    var again = pen.frame("cam-1", 2, fish("lesion"));
    assertThat(again.reply()).isEqualTo(new FrameAccepted("cam-1-2", true));
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(pen.health().framesAssessed()).isEqualTo(3);
    assertThat(pen.health().windowFishFrames()).isEqualTo(3);

    // Frame ids are per camera: another camera's frame "cam-1-2" is a different frame.
    var otherCamera = pen.kit.<FrameOutcome>runCommand(replyTo -> new AssessFrame("cam-1-2", "cam-2",
        T0.plusSeconds(2), fish("healthy"), null, replyTo));
    assertThat(otherCamera.reply()).isEqualTo(new FrameAccepted("cam-1-2", false));
    assertThat(otherCamera.eventOfType(FrameAssessed.class).partition()).isNull();
    assertThat(pen.health().framesAssessed()).isEqualTo(4);
  }

  @Test
  void onlyTheConfiguredNumberOfFrameIdsPerCameraIsRemembered() {
    Pen pen = new Pen(); // remembers 8 ids per camera
    pen.frames(1, 9, "healthy");
    assertThat(pen.frame("cam-1", 2, fish("healthy")).reply()).isEqualTo(new FrameAccepted("cam-1-2", true));
    assertThat(pen.frame("cam-1", 1, fish("healthy")).reply()).isEqualTo(new FrameAccepted("cam-1-1", false));
    assertThat(pen.kit.getState().recentFrameIds().get("cam-1")).hasSize(8).endsWith("cam-1-1");
  }

  @Test
  void framesFromMoreCamerasThanAPenMayHaveAreRejectedAndNotPersisted() {
    Pen pen = new Pen(); // at most 3 cameras
    for (String camera : List.of("a", "b", "c")) {
      assertThat(pen.frame(camera, 1, fish("healthy")).reply()).isInstanceOf(FrameAccepted.class);
    }
    var rejected = pen.frame("d", 1, fish("healthy"));
    assertThat(rejected.reply()).isInstanceOf(FrameRejected.class);
    assertThat(((FrameRejected) rejected.reply()).reason()).contains("camera d refused");
    assertThat(rejected.hasNoEvents()).isTrue();
  }

  @Test
  void acknowledgementKeepsWhoAcknowledgedAndTheAlertResolvesItselfWhenItsCauseClears() {
    Pen pen = new Pen();
    pen.frames(1, 8, "healthy");
    pen.frames(9, 10, "lesion");
    String alertId = pen.id + "-alert-1";

    var ack = pen.kit.<AcknowledgeOutcome>runCommand(replyTo -> new AcknowledgeAlert(alertId, "ola", replyTo));
    assertThat(ack.reply()).isEqualTo(new Acknowledged(alertId, "ola"));
    assertThat(ack.events()).containsExactly(new AlertAcknowledged(alertId, "ola", NOW));

    var second = pen.kit.<AcknowledgeOutcome>runCommand(replyTo -> new AcknowledgeAlert(alertId, "kari", replyTo));
    assertThat(second.reply()).isEqualTo(new Acknowledged(alertId, "ola"));
    assertThat(second.hasNoEvents()).isTrue();
    var unknown = pen.kit.<AcknowledgeOutcome>runCommand(replyTo -> new AcknowledgeAlert("nope", "ola", replyTo));
    assertThat(unknown.reply()).isEqualTo(new UnknownAlert("nope"));

    // Healthy frames push the two lesion frames (9, 10) through the 20-frame window. With 2 of 20 (10 %) the
    // warning holds; once frame 9 leaves (frame 29 in), 1 of 20 = 5 % is under 10 % x 0.8 and it resolves.
    for (int n = 11; n <= 28; n++) {
      var result = pen.frames(n, n, "healthy");
      assertThat(result.events()).as("frame %d", n).hasSize(1);
      assertThat(result.state().openAlerts().get(alertId).acknowledgedBy()).isEqualTo("ola");
    }
    assertThat(pen.health().openAlerts()).singleElement()
        .satisfies(alert -> assertThat(alert.acknowledgedBy()).isEqualTo("ola"))
        .satisfies(alert -> assertThat(alert.acknowledgedAt()).isEqualTo(NOW));

    var cleared = pen.frames(29, 29, "healthy");
    assertThat(cleared.events()).containsExactly(
        cleared.events().get(0),
        new AlertResolved(alertId, NOW),
        new HealthStatusChanged(HealthStatus.WARNING, HealthStatus.OK, List.of()));
    assertThat(pen.health().openAlerts()).isEmpty();
  }

  @Test
  void aBacklogOfOldFramesArrivingNowDoesNotLookLikeSilentCameras() {
    // Kafka lagged: frames captured an hour ago reach the pen only now (NOW = T0 + 1 h).
    Pen pen = new Pen();
    pen.frames(1, 8, "healthy");
    assertThat(pen.kit.runCommand(new CheckCameras(NOW.plusSeconds(60))).hasNoEvents()).isTrue();
    assertThat(pen.health().cameras()).extracting(CameraView::offline).containsExactly(false);
  }

  @Test
  void silentCamerasGoOfflineThePenBecomesUnknownAndComesBackWithAFrame() {
    Pen pen = new Pen();
    // Each frame reaches the pen when it is captured.
    pen.clock.set(T0.plusSeconds(1));
    pen.frame("cam-1", 1, fish("healthy"));
    pen.clock.set(T0.plusSeconds(100));
    pen.frame("cam-2", 100, fish("healthy"));

    // 150 s: cam-1 has been silent 149 s (> 2 min), cam-2 50 s.
    CommandResult<Command, Event, PenEntity.State> first = pen.kit.runCommand(new CheckCameras(T0.plusSeconds(150)));
    String cam1Alert = pen.id + "-alert-1";
    assertThat(first.events()).containsExactly(
        new CameraWentOffline("cam-1", T0.plusSeconds(150)),
        new AlertRaised(cam1Alert, AlertKind.CAMERA_OFFLINE, "cam-1", AlertSeverity.WARNING,
            "camera cam-1 silent since " + T0.plusSeconds(1), T0.plusSeconds(150)));
    assertThat(first.state().status()).isEqualTo(HealthStatus.OK);

    Instant later = T0.plusSeconds(600);
    var all = pen.kit.runCommand(new CheckCameras(later));
    assertThat(all.events()).containsExactly(
        new CameraWentOffline("cam-2", later),
        new AlertRaised(pen.id + "-alert-2", AlertKind.CAMERA_OFFLINE, "cam-2", AlertSeverity.WARNING,
            "camera cam-2 silent since " + T0.plusSeconds(100), later),
        new HealthStatusChanged(HealthStatus.OK, HealthStatus.UNKNOWN,
            List.of("camera cam-1 offline", "camera cam-2 offline")));
    assertThat(pen.kit.runCommand(new CheckCameras(later.plusSeconds(60))).hasNoEvents()).isTrue();
    assertThat(pen.health().cameras()).extracting(CameraView::offline).containsExactly(true, true);

    pen.clock.set(T0.plusSeconds(700));
    var back = pen.frame("cam-1", 700, fish("healthy"));
    assertThat(back.events()).containsExactly(
        back.events().get(0),
        new CameraCameBack("cam-1", T0.plusSeconds(700)),
        new AlertResolved(cam1Alert, T0.plusSeconds(700)),
        new HealthStatusChanged(HealthStatus.UNKNOWN, HealthStatus.OK, List.of("camera cam-2 offline")));
    PenHealth health = pen.health();
    assertThat(health.cameras()).containsExactly(new CameraView("cam-1", T0.plusSeconds(700), false),
        new CameraView("cam-2", T0.plusSeconds(100), true));
    assertThat(health.openAlerts()).extracting(OpenAlert::subject).containsExactly("cam-2");
    assertThat(health.reasons()).containsExactly("camera cam-2 offline");
  }

  @Test
  void configureReplacesTheThresholdsAndJudgesThePenAgainAtOnce() {
    Pen pen = new Pen();
    pen.frames(1, 8, "healthy");
    pen.frames(9, 10, "fin_damage"); // 20 %, not watched by the default thresholds
    assertThat(pen.health().status()).isEqualTo(HealthStatus.OK);

    PenThresholds stricter = new PenThresholds(Map.of(
        "lesion", new ConditionThresholds(0.10, 0.25),
        "fin_damage", new ConditionThresholds(0.15, null)), 10);
    var configured = pen.kit.<Done>runCommand(replyTo -> new Configure(stricter, "vet", replyTo));
    String reason = "fin_damage 20.0% of 10 fish frames (warning at 15%)";
    assertThat(configured.reply()).isEqualTo(new Done());
    assertThat(configured.events()).containsExactly(
        new PenConfigured(stricter, "vet", NOW),
        new AlertRaised(pen.id + "-alert-1", AlertKind.CONDITION, "fin_damage", AlertSeverity.WARNING, reason, NOW),
        new HealthStatusChanged(HealthStatus.OK, HealthStatus.WARNING, List.of(reason)));
    assertThat(pen.health().thresholds()).isEqualTo(stricter);

    var relaxed = pen.kit.<Done>runCommand(replyTo -> new Configure(THRESHOLDS, "vet", replyTo));
    assertThat(relaxed.events()).containsExactly(
        new PenConfigured(THRESHOLDS, "vet", NOW),
        new AlertResolved(pen.id + "-alert-1", NOW),
        new HealthStatusChanged(HealthStatus.WARNING, HealthStatus.OK, List.of()));
  }

  @Test
  void theEntityReadsItsSettingsFromTheSystemConfiguration() {
    var kit = EventSourcedBehaviorTestKit.<Command, Event, PenEntity.State>create(testKit.system(),
        PenEntity.create("pen-configured-" + pens.incrementAndGet(), testKit.<InferenceProtocol.Command>createTestProbe().ref()),
        EventSourcedBehaviorTestKit.enabledSerializationSettings());
    assertThat(kit.<FrameOutcome>runCommand(replyTo -> new AssessFrame("f1", "cam-1", T0, fish("lesion"), null,
        replyTo)).reply()).isEqualTo(new FrameAccepted("f1", false));
    PenHealth health = kit.<PenHealth>runCommand(GetHealth::new).reply();
    assertThat(health.thresholds())
        .isEqualTo(HealthSettings.fromConfig(ReferenceConfig.withOverrides("")).defaultThresholds());
    // One lesion frame is below reference.conf's minimum sample of 30: nothing raised.
    assertThat(health.status()).isEqualTo(HealthStatus.OK);
    assertThat(health.conditionPrevalence()).containsEntry("lesion", 1.0);
  }

  @Test
  void restartRebuildsIdenticalStateFromEventsAndFromSnapshots() {
    for (PenSettings settings : List.of(PEN, new PenSettings(7, 2, 8, 4))) {
      Pen pen = new Pen(settings);
      pen.frames(1, 8, "healthy");
      pen.frames(9, 11, "lesion");
      pen.frame("cam-2", 5, noFish());
      pen.kit.<AcknowledgeOutcome>runCommand(replyTo -> new AcknowledgeAlert(pen.id + "-alert-2", "ola", replyTo));
      pen.kit.runCommand(new CheckCameras(T0.plusSeconds(300)));
      pen.frames(12, 40, "healthy");
      PenEntity.State before = pen.kit.getState();
      PenHealth healthBefore = pen.health();

      assertThat(pen.kit.restart().state()).as("snapshot every %d", settings.snapshotEvery()).isEqualTo(before);
      assertThat(pen.health()).isEqualTo(healthBefore);
      // The remembered frame ids survive the restart too.
      assertThat(pen.frame("cam-1", 40, fish("healthy")).reply()).isEqualTo(new FrameAccepted("cam-1-40", true));
      if (settings.snapshotEvery() == 7) {
        assertThat(pen.kit.snapshotTestKit()).isPresent();
      }
    }
  }

  @Test
  void everyEventIsTaggedWithThePensSliceForProjections() throws Exception {
    Pen pen = new Pen();
    pen.frames(1, 8, "healthy");
    pen.frames(9, 10, "lesion"); // 10 FrameAssessed, UNKNOWN->OK, AlertRaised, OK->WARNING

    var journal = PersistenceQuery.get(Adapter.toClassic(testKit.system())).getReadJournalFor(
        PersistenceTestKitReadJournal.class, PersistenceTestKitReadJournal.Identifier());
    String persistenceId = PenEntity.persistenceId(pen.id).id();
    Map<String, Long> eventsPerTag = new java.util.HashMap<>();
    for (String tag : PenProtocol.tags(PEN.tagSlices())) {
      long count = journal.currentEventsByTag(tag, Offset.noOffset())
          .filter(envelope -> envelope.persistenceId().equals(persistenceId))
          .runWith(Sink.seq(), testKit.system()).toCompletableFuture().get(10, TimeUnit.SECONDS).size();
      if (count > 0) {
        eventsPerTag.put(tag, count);
      }
    }
    assertThat(eventsPerTag).isEqualTo(Map.of(PenProtocol.tag(pen.id, PEN.tagSlices()), 13L));
  }

  @Test
  void journalAndWireCarryExplicitTypeNamesNotClassNames() throws Exception {
    var serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    var cbor = new com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper();
    Map<Object, String> expected = Map.of(
        new FrameAssessed("f", "c", T0, "m:1", "salmon", 0.9f, "lesion", 0.8f, true, 1, 2L, T0), "frame-assessed",
        new HealthStatusChanged(HealthStatus.OK, HealthStatus.WARNING, List.of("why")), "health-status-changed",
        new AlertResolved("a", T0), "alert-resolved",
        new CheckCameras(T0), "check-cameras",
        new FrameAccepted("f", false), "frame-accepted",
        new UnknownAlert("a"), "unknown-alert");
    for (Map.Entry<Object, String> entry : expected.entrySet()) {
      byte[] bytes = serialization.serialize(entry.getKey()).get();
      assertThat(cbor.readTree(bytes).path("type").asText()).as("%s", entry.getKey()).isEqualTo(entry.getValue());
    }
  }

  @Test
  void everyMessageIsWrittenWithJacksonCborAndReadBackEqual() {
    Pen pen = new Pen();
    pen.frames(1, 8, "healthy");
    pen.frames(9, 10, "lesion");
    pen.kit.runCommand(new CheckCameras(NOW.plusSeconds(900)));
    PenHealth health = pen.health();
    assertThat(health.openAlerts()).hasSize(2);

    var serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    List<Object> messages = List.of(health, new FrameAccepted("f", true), new FrameRejected("f", FrameRejected.TOO_MANY_CAMERAS, "why"),
        new Acknowledged("a", "ola"), new UnknownAlert("a"), new Done(), pen.kit.getState(),
        new CheckCameras(T0), new KafkaPosition(1, 2));
    for (Object message : messages) {
      assertThat(serialization.findSerializerFor(message).getClass().getSimpleName())
          .as("%s", message.getClass()).isEqualTo("JacksonCborSerializer");
      assertThat(testKit.serializationTestKit().verifySerialization(message, true)).isEqualTo(message);
    }
  }
}
