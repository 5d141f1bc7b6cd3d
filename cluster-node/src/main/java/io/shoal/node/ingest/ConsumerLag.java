package io.shoal.node.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag on one topic, per partition, from Kafka's Admin client: the log-end offset minus the group's
 * committed offset. Unlike the consumer's own {@code records-lag} (log end minus its fetch position, updated only by
 * fetches), it keeps moving while the consumer is paused by backpressure or not running at all, and it counts records
 * fetched but not yet committed.
 *
 * <p>A partition the group never committed counts from its earliest retained offset (where a new group starts,
 * {@code auto.offset.reset = earliest}); so does one whose committed offset retention has already deleted past.
 *
 * <p>Each Admin call is asynchronous and bounded by {@code timeout}; the continuations are cheap and run on the Admin
 * client's own thread. Owns the Admin client: {@link #close()} closes it.
 */
public final class ConsumerLag implements AutoCloseable {

  private static final String CLIENT_ID = "shoal-consumer-lag";

  private final Supplier<Admin> connect;
  private final String group;
  private final String topic;
  private final int timeoutMs;
  private final Duration timeout;
  private Admin admin;
  private boolean closed;

  /** @param connect creates the Admin client, on the first poll (again on the next if it fails) */
  ConsumerLag(Supplier<Admin> connect, String group, String topic, Duration timeout) {
    if (timeout.isZero() || timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the Admin timeout must be positive and below 24 days, was " + timeout);
    }
    this.connect = connect;
    this.group = group;
    this.topic = topic;
    this.timeout = timeout;
    this.timeoutMs = (int) timeout.toMillis();
  }

  /** Lag of {@code group} on {@code topic}, each Admin call giving up after {@code timeout}. */
  public static ConsumerLag connect(String bootstrapServers, String group, String topic, Duration timeout) {
    // Created on the first poll: creating resolves the bootstrap servers' names, which may fail while Kafka's DNS
    // entry is not up yet; that then fails one poll, not the ingest role.
    return new ConsumerLag(() -> Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-" + group)), group, topic, timeout);
  }

  /**
   * Records of each partition of the topic that the group has not committed yet, by partition number. Completes
   * exceptionally when an Admin call fails or times out, within twice the timeout at most (the topic's partitions
   * first, then its offsets and the group's, at once). The first call creates the Admin client (resolving the
   * bootstrap servers' names), so run it off the Pekko default dispatcher.
   */
  public CompletionStage<Map<TopicPartition, Long>> perPartition() {
    Admin admin;
    try {
      admin = admin();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
        .allTopicNames().toCompletionStage()
        .thenCompose(topics -> {
          List<TopicPartition> partitions = topics.get(topic).partitions().stream()
              .map(p -> new TopicPartition(topic, p.partition())).toList();
          CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> ends =
              offsets(admin, partitions, OffsetSpec.latest());
          CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> starts =
              offsets(admin, partitions, OffsetSpec.earliest());
          CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> committed = admin
              .listConsumerGroupOffsets(Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)),
                  new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs))
              .partitionsToOffsetAndMetadata(group).toCompletionStage().toCompletableFuture();
          return CompletableFuture.allOf(ends, starts, committed).thenApply(all -> {
            Map<TopicPartition, Long> lag = new TreeMap<>(
                (a, b) -> Integer.compare(a.partition(), b.partition()));
            for (TopicPartition partition : partitions) {
              lag.put(partition, lag(starts.join().get(partition).offset(), ends.join().get(partition).offset(),
                  committed.join().get(partition)));
            }
            return lag;
          });
        })
        // A safety net over the Admin's own timeouts: a caller waiting for this never waits unbounded.
        .toCompletableFuture().orTimeout(2 * timeout.toMillis() + timeout.toMillis() / 2, TimeUnit.MILLISECONDS);
  }

  /**
   * Records between {@code committed} (null: never committed) and the log end {@code end}; a committed offset before
   * the earliest retained one {@code start} counts from {@code start}, where the consumer would resume.
   */
  static long lag(long start, long end, OffsetAndMetadata committed) {
    long from = committed == null ? start : Math.max(start, committed.offset());
    return Math.max(0, end - from);
  }

  /** The lag summed over partitions. */
  public static long total(Map<TopicPartition, Long> perPartition) {
    return perPartition.values().stream().mapToLong(Long::longValue).sum();
  }

  private synchronized Admin admin() {
    if (closed) {
      throw new IllegalStateException("consumer lag of " + group + " is closed");
    }
    if (admin == null) {
      admin = connect.get();
    }
    return admin;
  }

  private CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> offsets(Admin admin,
      List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = partitions.stream()
        .collect(Collectors.toMap(Function.identity(), p -> spec, (a, b) -> a, HashMap::new));
    return admin.listOffsets(request, new ListOffsetsOptions().timeoutMs(timeoutMs)).all().toCompletionStage()
        .toCompletableFuture();
  }

  /**
   * Closes the Admin client: calls still outstanding are aborted after {@code timeout}. Blocks (it joins the
   * client's thread), so callers on a Pekko dispatcher run it on a blocking one.
   */
  @Override
  public void close() {
    Admin created;
    synchronized (this) {
      closed = true;
      created = admin;
    }
    if (created != null) {
      created.close(timeout);
    }
  }
}
