package io.shoal.node.ingest;

import com.typesafe.config.Config;
import java.time.Duration;

/** The {@code shoal.kafka} block of the configuration: where frames come from and what a valid frame may be. */
public record KafkaSettings(String bootstrapServers, String framesTopic, String deadLetterTopic, int maxImageBytes,
    Duration capturedAtMaxFutureSkew) {

  public static final String CONFIG_PATH = "shoal.kafka";

  public static KafkaSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    long maxImageBytes = c.getBytes("max-image-bytes");
    if (maxImageBytes <= 0 || maxImageBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(CONFIG_PATH + ".max-image-bytes must be between 1 and 2 GiB: " + maxImageBytes);
    }
    return new KafkaSettings(c.getString("bootstrap-servers"), c.getString("topics.frames"),
        c.getString("topics.dead-letter"), (int) maxImageBytes, c.getDuration("captured-at-max-future-skew"));
  }
}
