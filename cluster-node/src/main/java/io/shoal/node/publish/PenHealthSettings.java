package io.shoal.node.publish;

import com.typesafe.config.Config;
import io.shoal.persistence.readmodel.ProjectionSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code shoal.projections.pen-health} (persistence module's reference.conf, next to the other projections).
 *
 * @param saveOffsetAfterEnvelopes with {@code saveOffsetAfter}: how much may be published again after a crash
 * @param deliveryTimeout          the producer's {@code delivery.timeout.ms}: one record's send, acks and retries
 * @param maxBlock                 the producer's {@code max.block.ms}: metadata and buffer waits inside send
 * @param closeTimeout             how long a closing producer may deliver what it still buffers
 */
public record PenHealthSettings(ProjectionSettings projection, String topic, int saveOffsetAfterEnvelopes,
    Duration saveOffsetAfter, Duration deliveryTimeout, Duration maxBlock, Duration closeTimeout) {

  /** The key under {@code shoal.projections}. */
  public static final String CONFIG_KEY = "pen-health";
  /** Where KafkaProducer.send runs (it blocks while fetching metadata). */
  public static final String SEND_DISPATCHER = "shoal.projections.pen-health.send-dispatcher";

  public PenHealthSettings {
    Objects.requireNonNull(projection, "projection");
    Objects.requireNonNull(topic, "topic");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("shoal.projections.pen-health.topic must not be blank");
    }
    if (saveOffsetAfterEnvelopes < 1) {
      throw new IllegalArgumentException(
          "shoal.projections.pen-health.save-offset-after-envelopes must be >= 1, was " + saveOffsetAfterEnvelopes);
    }
    for (Duration d : new Duration[] {saveOffsetAfter, deliveryTimeout, maxBlock, closeTimeout}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("shoal.projections.pen-health durations must be positive, was " + d);
      }
    }
  }

  public static PenHealthSettings fromConfig(Config root) {
    Config own = root.getConfig("shoal.projections." + CONFIG_KEY);
    return new PenHealthSettings(
        ProjectionSettings.fromConfig(root, CONFIG_KEY),
        own.getString("topic"),
        own.getInt("save-offset-after-envelopes"),
        own.getDuration("save-offset-after-duration"),
        own.getDuration("delivery-timeout"),
        own.getDuration("max-block"),
        own.getDuration("close-timeout"));
  }
}
