package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The lag rule, and how polls are paced and reported; against a broker in {@link ConsumerLagKafkaTest}. */
class ConsumerLagTest {

  private static final TopicPartition P0 = new TopicPartition("shoal.frames", 0);

  private final List<CompletableFuture<Map<TopicPartition, Long>>> polls = new ArrayList<>();
  private final List<Map<TopicPartition, Long>> reported = new ArrayList<>();
  private final ConsumerLagPoller poller = new ConsumerLagPoller(this::nextPoll, reported::add);

  private CompletionStage<Map<TopicPartition, Long>> nextPoll() {
    CompletableFuture<Map<TopicPartition, Long>> poll = new CompletableFuture<>();
    polls.add(poll);
    return poll;
  }

  @Test
  void lagIsTheLogEndMinusTheCommittedOffset() {
    assertThat(ConsumerLag.lag(0, 10, new OffsetAndMetadata(4))).isEqualTo(6);
    assertThat(ConsumerLag.lag(0, 10, new OffsetAndMetadata(10))).isZero();
  }

  @Test
  void aPartitionNeverCommittedCountsFromItsEarliestRetainedRecord() {
    assertThat(ConsumerLag.lag(0, 10, null)).isEqualTo(10);
    assertThat(ConsumerLag.lag(7, 10, null)).isEqualTo(3);
  }

  @Test
  void aCommittedOffsetRetentionDeletedPastCountsFromTheEarliestAndLagIsNeverNegative() {
    assertThat(ConsumerLag.lag(8, 10, new OffsetAndMetadata(3))).isEqualTo(2);
    assertThat(ConsumerLag.lag(0, 5, new OffsetAndMetadata(9))).isZero(); // e.g. the topic was recreated
    assertThat(ConsumerLag.total(Map.of(P0, 6L, new TopicPartition("shoal.frames", 1), 4L))).isEqualTo(10);
  }

  @Test
  void aTickWhileAPollIsOutstandingIsSkippedSoSlowPollsNeverPileUp() {
    poller.poll();
    poller.poll();
    poller.poll();
    assertThat(polls).hasSize(1);

    polls.get(0).complete(Map.of(P0, 5L));
    poller.poll();
    assertThat(polls).hasSize(2);
    assertThat(reported).containsExactly(Map.of(P0, 5L));
  }

  @Test
  void aFailedPollKeepsTheLastFiguresAndTheNextTickTriesAgain() {
    poller.poll();
    polls.get(0).complete(Map.of(P0, 5L));
    poller.poll();
    polls.get(1).completeExceptionally(new org.apache.kafka.common.errors.TimeoutException("broker away"));
    poller.poll();
    polls.get(2).complete(Map.of(P0, 9L));

    assertThat(polls).hasSize(3);
    assertThat(reported).containsExactly(Map.of(P0, 5L), Map.of(P0, 9L));
  }

  @Test
  void aPollAnsweredAfterStopIsNotReported() {
    poller.poll();
    poller.stop();
    polls.get(0).complete(Map.of(P0, 5L));

    assertThat(reported).isEmpty();
  }
}
