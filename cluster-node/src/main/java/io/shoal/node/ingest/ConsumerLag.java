package io.shoal.node.ingest;

import io.shoal.observability.metrics.MetricNames;
import io.shoal.observability.metrics.MetricTags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kamon.Kamon;
import kamon.tag.TagSet;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/**
 * Per-partition consumer lag ({@value MetricNames#KAFKA_CONSUMER_LAG}): records between this node's consumer position
 * and the log end, as the Kafka consumer itself measures it at each fetch ({@code records-lag} of
 * {@code consumer-fetch-manager-metrics}, tagged by topic and partition). Read from the consumer's metrics on a
 * timer; a partition this node no longer consumes loses its gauge, so a revoked partition does not show a frozen lag.
 */
final class ConsumerLag {

  static final String FETCH_MANAGER_GROUP = "consumer-fetch-manager-metrics";
  static final String RECORDS_LAG = "records-lag";
  private static final String TOPIC_TAG = "topic";
  private static final String PARTITION_TAG = "partition";

  private final Set<TopicPartition> published = new HashSet<>();
  private final Map<String, String> topicsByMetricTag;
  private boolean stopped;

  /** @param topics the topics consumed, to undo the consumer's metric tags spelling dots as underscores */
  ConsumerLag(Set<String> topics) {
    this.topicsByMetricTag = new HashMap<>();
    topics.forEach(topic -> topicsByMetricTag.put(metricTag(topic), topic));
  }

  /** How the Kafka consumer writes {@code topic} in its metric tags: dots replaced by underscores. */
  static String metricTag(String topic) {
    return topic.replace('.', '_');
  }

  /**
   * The lag of each partition in {@code metrics} (a consumer's {@code metrics()}), under the topic's real name;
   * partitions whose lag is not known yet (no fetch since assignment: the consumer reports NaN) are left out.
   */
  Map<TopicPartition, Long> fromConsumerMetrics(Map<MetricName, ? extends Metric> metrics) {
    Map<TopicPartition, Long> lag = new TreeMap<>(
        (a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
            : a.topic().compareTo(b.topic()));
    metrics.forEach((name, metric) -> {
      Map<String, String> tags = name.tags();
      if (!FETCH_MANAGER_GROUP.equals(name.group()) || !RECORDS_LAG.equals(name.name())
          || !tags.containsKey(TOPIC_TAG) || !tags.containsKey(PARTITION_TAG)) {
        return;
      }
      if (metric.metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
        String topic = topicsByMetricTag.getOrDefault(tags.get(TOPIC_TAG), tags.get(TOPIC_TAG));
        TopicPartition partition = new TopicPartition(topic, Integer.parseInt(tags.get(PARTITION_TAG)));
        // Several consumers of one partition cannot coexist in a group; the larger wins if a restart overlaps.
        lag.merge(partition, Math.max(0, Math.round(value.doubleValue())), Math::max);
      }
    });
    return lag;
  }

  /** Publishes {@code lag} and drops the gauges of partitions no longer in it. Called from one thread at a time. */
  synchronized void publish(Map<TopicPartition, Long> lag) {
    if (stopped) {
      return; // a poll answered after the consumer stopped
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

  /** Drops every gauge this instance published and publishes no more (the consumer stopped). */
  synchronized void clear() {
    publish(Map.of());
    stopped = true;
  }

  private static TagSet tags(TopicPartition partition) {
    return TagSet.of(MetricTags.TOPIC, partition.topic()).withTag(MetricTags.PARTITION, String.valueOf(partition.partition()));
  }
}
