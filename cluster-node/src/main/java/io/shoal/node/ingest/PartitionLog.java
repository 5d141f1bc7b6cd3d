package io.shoal.node.ingest;

import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.pekko.kafka.RestrictedConsumer;
import org.apache.pekko.kafka.javadsl.PartitionAssignmentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the partitions the consumer group gives this node, and warns when they are more than the stream consumes at
 * once ({@code max-partitions}, the {@code flatMapMerge} breadth): the extra partitions would wait, unread, until
 * another partition is taken away.
 */
final class PartitionLog implements PartitionAssignmentHandler {

  private static final Logger log = LoggerFactory.getLogger(PartitionLog.class);

  private final int maxPartitions;
  // Called on the consumer actor only, one callback at a time; synchronized for the odd reader elsewhere.
  private final Set<TopicPartition> assigned = new TreeSet<>(
      (a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
          : a.topic().compareTo(b.topic()));

  PartitionLog(int maxPartitions) {
    this.maxPartitions = maxPartitions;
  }

  @Override
  public synchronized void onAssign(Set<TopicPartition> partitions, RestrictedConsumer consumer) {
    assigned.addAll(partitions);
    log.info("Consuming partitions {} (now {})", partitions, assigned);
    if (assigned.size() > maxPartitions) {
      log.warn("This node was given {} partitions but consumes at most {} at once (shoal.kafka.ingest.max-partitions):"
          + " the others wait until a partition is revoked. Raise max-partitions or run more ingest nodes.",
          assigned.size(), maxPartitions);
    }
  }

  @Override
  public synchronized void onRevoke(Set<TopicPartition> partitions, RestrictedConsumer consumer) {
    assigned.removeAll(partitions);
    log.info("Partitions {} revoked (now {})", partitions, assigned);
  }

  @Override
  public synchronized void onLost(Set<TopicPartition> partitions, RestrictedConsumer consumer) {
    assigned.removeAll(partitions);
    log.warn("Partitions {} lost (now {}); their uncommitted frames will be consumed again", partitions, assigned);
  }

  @Override
  public synchronized void onStop(Set<TopicPartition> partitions, RestrictedConsumer consumer) {
    assigned.clear();
  }
}
