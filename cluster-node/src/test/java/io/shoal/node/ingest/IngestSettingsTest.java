package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.shoal.node.ReferenceConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

  /** {@code PenInference.ASK_TIMEOUT_FACTOR} (package-private there): the pen's ask of inference in deadlines. */
  private static final int PEN_ASK_TIMEOUT_FACTOR = 2;

  private static Config config(String overrides) {
    return ReferenceConfig.withOverrides(overrides);
  }

  @Test
  void defaultsComeFromReferenceConf() {
    assertThat(IngestSettings.fromConfig(config(""))).isEqualTo(new IngestSettings("shoal-ingest", 8, 64,
        Duration.ofSeconds(30), new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2), 25,
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2), 100, Duration.ofSeconds(1)));
  }

  @Test
  void theIngestAskOutlastsThePensOwnAskOfInference() {
    Config c = config("");
    Duration pensAsk = c.getDuration("shoal.pen.inference.timeout").multipliedBy(PEN_ASK_TIMEOUT_FACTOR);
    // Otherwise a saturated pen's FrameDeferred could never arrive: the ingest would give up on the frame first
    // and send it again into the same full stash.
    assertThat(IngestSettings.fromConfig(c).askTimeout()).isGreaterThan(pensAsk);
  }

  @Test
  void theConsumerIsSetUpForDrainingAndBoundedPolls() {
    Config c = config("");
    assertThat(c.getDuration("pekko.kafka.consumer.stop-timeout")).isZero();
    assertThat(c.getString("pekko.kafka.consumer.kafka-clients.auto.offset.reset")).isEqualTo("earliest");
    assertThat(c.getInt("pekko.kafka.consumer.kafka-clients.max.poll.records")).isBetween(1, 500);
    // pekko-connectors-kafka's own default stays: offsets are committed by FrameIngestion, never automatically.
    assertThat(c.getBoolean("pekko.kafka.consumer.kafka-clients.enable.auto.commit")).isFalse();
    assertThat(c.getString("pekko.kafka.producer.kafka-clients.acks")).isEqualTo("all");
  }

  @Test
  void overridesApply() {
    IngestSettings settings = IngestSettings.fromConfig(config("""
        shoal.kafka.ingest {
          group-id = other, in-flight-per-partition = 2, max-partitions = 4, ask-timeout = 3s
          retry { min-backoff = 10ms, max-backoff = 20ms, max-retries = 0 }
          commit { max-batch = 5, max-interval = 50ms }
        }"""));
    assertThat(settings.groupId()).isEqualTo("other");
    assertThat(settings.maxFramesInFlight()).isEqualTo(8);
    assertThat(settings.askTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.retry()).isEqualTo(new Backoff(Duration.ofMillis(10), Duration.ofMillis(20), 0.2));
    assertThat(settings.maxRetries()).isZero();
    assertThat(settings.commitMaxBatch()).isEqualTo(5);
    assertThat(settings.commitMaxInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(settings.withGroupId("g2").groupId()).isEqualTo("g2");
  }

  @Test
  void invalidValuesAreRefusedWithTheirKey() {
    assertThatThrownBy(() -> IngestSettings.fromConfig(config("shoal.kafka.ingest.in-flight-per-partition = 0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in-flight-per-partition");
    assertThatThrownBy(() -> IngestSettings.fromConfig(config("shoal.kafka.ingest.max-partitions = -1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-partitions");
    assertThatThrownBy(() -> IngestSettings.fromConfig(config("shoal.kafka.ingest.group-id = \" \"")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group-id");
    assertThatThrownBy(() -> IngestSettings.fromConfig(config("shoal.kafka.ingest.ask-timeout = 0s")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ask-timeout");
    assertThatThrownBy(() -> IngestSettings.fromConfig(config("shoal.kafka.ingest.retry.max-retries = -1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-retries");
    assertThatThrownBy(() -> IngestSettings.fromConfig(config("shoal.kafka.ingest.restart.max-backoff = 1ms")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("restart");
    assertThatThrownBy(() -> IngestSettings.fromConfig(config("shoal.kafka.ingest.commit.max-batch = 0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commit.max-batch");
  }
}
