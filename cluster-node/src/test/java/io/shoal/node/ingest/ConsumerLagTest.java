package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

  private final ConsumerLag lag = new ConsumerLag(Set.of("shoal.frames"));
  private final Map<MetricName, Metric> metrics = new LinkedHashMap<>();

  private void metric(String group, String name, Map<String, String> tags, Object value) {
    MetricName metricName = new MetricName(name, group, "", tags);
    metrics.put(metricName, new Metric() {
      @Override
      public MetricName metricName() {
        return metricName;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    });
  }

  private static Map<String, String> partition(String topic, int partition) {
    return Map.of("client-id", "consumer-1", "topic", topic, "partition", String.valueOf(partition));
  }

  @Test
  void takesEachPartitionsRecordsLagUnderTheTopicsRealName() {
    metric(ConsumerLag.FETCH_MANAGER_GROUP, ConsumerLag.RECORDS_LAG, partition("shoal_frames", 0), 12.0);
    metric(ConsumerLag.FETCH_MANAGER_GROUP, ConsumerLag.RECORDS_LAG, partition("shoal_frames", 3), 0.0);
    // Not lag: the same group's other metrics, the topic-level lag, the max over partitions.
    metric(ConsumerLag.FETCH_MANAGER_GROUP, "records-lag-max", partition("shoal_frames", 0), 99.0);
    metric(ConsumerLag.FETCH_MANAGER_GROUP, "records-lag-max", Map.of("client-id", "consumer-1"), 99.0);
    metric("consumer-metrics", ConsumerLag.RECORDS_LAG, partition("shoal_frames", 1), 50.0);

    assertThat(lag.fromConsumerMetrics(metrics)).containsExactly(
        Map.entry(new TopicPartition("shoal.frames", 0), 12L),
        Map.entry(new TopicPartition("shoal.frames", 3), 0L));
  }

  @Test
  void leavesOutPartitionsWhoseLagIsNotKnownYetAndKeepsUnknownTopicsAsTagged() {
    metric(ConsumerLag.FETCH_MANAGER_GROUP, ConsumerLag.RECORDS_LAG, partition("shoal_frames", 0), Double.NaN);
    metric(ConsumerLag.FETCH_MANAGER_GROUP, ConsumerLag.RECORDS_LAG, partition("other_topic", 2), 7.0);

    assertThat(lag.fromConsumerMetrics(metrics))
        .containsExactly(Map.entry(new TopicPartition("other_topic", 2), 7L));
  }
}
