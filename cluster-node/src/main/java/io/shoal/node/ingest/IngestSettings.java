package io.shoal.node.ingest;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code shoal.kafka.ingest} block: how this node consumes frames ({@link FrameIngestion}). Where frames come from
 * and what a valid frame is stay in {@link KafkaSettings}; the Kafka clients' own tuning is in {@code pekko.kafka}.
 *
 * @param groupId              the consumer group all ingest nodes share, so each partition is read by one node
 * @param inFlightPerPartition frames of one partition delivered to pens at once (the {@code mapAsync} parallelism)
 * @param maxPartitions        partitions one node consumes at once (the {@code flatMapMerge} breadth)
 * @param askTimeout           how long a pen may take to answer one frame before it is sent again
 * @param retry                pauses between deliveries of a deferred or unanswered frame
 * @param maxRetries           deliveries of one frame after the first before the stream fails (and restarts)
 * @param restart              pauses before the failed stream starts again from the last committed offsets
 * @param commitMaxBatch       offsets gathered into one commit at most
 * @param commitMaxInterval    longest wait before gathered offsets are committed
 */
public record IngestSettings(String groupId, int inFlightPerPartition, int maxPartitions, Duration askTimeout,
    Backoff retry, int maxRetries, Backoff restart, int commitMaxBatch, Duration commitMaxInterval) {

  public static final String CONFIG_PATH = KafkaSettings.CONFIG_PATH + ".ingest";

  public IngestSettings {
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(restart, "restart");
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException(CONFIG_PATH + ".group-id must not be empty");
    }
    requirePositive("in-flight-per-partition", inFlightPerPartition);
    requirePositive("max-partitions", maxPartitions);
    requirePositive("commit.max-batch", commitMaxBatch);
    requirePositive("ask-timeout", askTimeout);
    requirePositive("commit.max-interval", commitMaxInterval);
    if (maxRetries < 0) {
      throw new IllegalArgumentException(CONFIG_PATH + ".retry.max-retries must not be negative: " + maxRetries);
    }
  }

  public static IngestSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    return new IngestSettings(c.getString("group-id"), c.getInt("in-flight-per-partition"), c.getInt("max-partitions"),
        c.getDuration("ask-timeout"), backoff(c, "retry"), c.getInt("retry.max-retries"), backoff(c, "restart"),
        c.getInt("commit.max-batch"), c.getDuration("commit.max-interval"));
  }

  /** Frames this node may have handed to pens and not yet seen answered: partitions x in-flight per partition. */
  public long maxFramesInFlight() {
    return (long) maxPartitions * inFlightPerPartition;
  }

  public IngestSettings withGroupId(String groupId) {
    return new IngestSettings(groupId, inFlightPerPartition, maxPartitions, askTimeout, retry, maxRetries, restart,
        commitMaxBatch, commitMaxInterval);
  }

  private static Backoff backoff(Config c, String path) {
    try {
      return Backoff.fromConfig(c.getConfig(path));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(CONFIG_PATH + "." + path + ": " + e.getMessage(), e);
    }
  }

  private static void requirePositive(String key, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(CONFIG_PATH + "." + key + " must be positive: " + value);
    }
  }

  private static void requirePositive(String key, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(CONFIG_PATH + "." + key + " must be positive: " + value);
    }
  }
}
