package io.shoal.node.ingest;

import io.shoal.observability.metrics.MetricNames;
import io.shoal.observability.metrics.MetricTags;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import kamon.Kamon;
import kamon.tag.TagSet;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@value MetricNames#KAFKA_CONSUMER_LAG} gauges, one per topic and partition. A partition missing from the latest
 * figures loses its gauge, so a deleted or renamed topic leaves no frozen series behind.
 */
final class ConsumerLagGauges {

  private final Set<TopicPartition> published = new HashSet<>();
  private boolean stopped;

  /** Publishes {@code lag} and drops the gauges of partitions no longer in it. */
  synchronized void publish(Map<TopicPartition, Long> lag) {
    if (stopped) {
      return; // a poll answered after ingestion stopped
    }
    for (TopicPartition gone : Set.copyOf(published)) {
      if (!lag.containsKey(gone)) {
        Kamon.gauge(MetricNames.KAFKA_CONSUMER_LAG).remove(tags(gone));
        published.remove(gone);
      }
    }
    lag.forEach((partition, records) -> {
      Kamon.gauge(MetricNames.KAFKA_CONSUMER_LAG).withTags(tags(partition)).update(records);
      published.add(partition);
    });
  }

  /** Drops every gauge published here and publishes no more (ingestion stopped). */
  synchronized void clear() {
    publish(Map.of());
    stopped = true;
  }

  private static TagSet tags(TopicPartition partition) {
    return TagSet.of(MetricTags.TOPIC, partition.topic())
        .withTag(MetricTags.PARTITION, String.valueOf(partition.partition()));
  }
}
