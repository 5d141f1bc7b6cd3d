package io.shoal.node.boot;

import static io.shoal.node.render.Condition.HEALTHY;
import static io.shoal.node.render.Condition.LESION;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.inference.InferenceListener;
import io.shoal.node.ingest.IngestMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN.md §5 "every queue is bounded": one node whose inference is far slower than the frames already waiting in
 * Kafka. Consumption slows down to inference's pace: the consumer keeps at most partitions x in-flight-per-partition
 * frames with the pens, commits only what the pens persisted (so the lag stays large while they work), the inference
 * worker refuses what its queue cannot hold (Overloaded) and every refused frame is deferred and retried, never
 * dropped: in the end each frame is counted exactly once.
 */
class BackpressureTest {

  private static final Logger log = LoggerFactory.getLogger(BackpressureTest.class);

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);
  private static final int PARTITIONS = 2;
  private static final int IN_FLIGHT_PER_PARTITION = 2;
  /** What the consumer may have handed to pens and not seen settled, at most. */
  private static final int IN_FLIGHT_BOUND = PARTITIONS * IN_FLIGHT_PER_PARTITION;
  private static final int QUEUE_CAPACITY = 3;
  private static final int PENS_PER_PARTITION = 2;
  private static final int FRAMES_PER_PEN = 40;
  private static final String GROUP = "shoal-ingest";

  /**
   * Inference made small and slow by configuration only: one worker whose batches wait 300 ms unless three frames
   * are ready, and which holds at most three. Each pen asks about one frame at a time, so four pens' frames
   * compete for three places: the fourth is answered Overloaded and deferred, and tried again after 200 ms (the
   * default first backoff; capped at 1 s instead of 10 s so that an unlucky frame does not dominate the run).
   * Not a sleeping InferenceListener: the listener runs on the worker's own actor thread, so sleeping there would
   * park requests in the worker's mailbox, outside the queue this test is about.
   */
  private static final Map<String, Object> SLOW_AND_SMALL = Map.of(
      "shoal.inference.workers", 1,
      "shoal.inference.max-batch-size", QUEUE_CAPACITY,
      "shoal.inference.max-batch-delay", "300ms",
      "shoal.inference.queue-capacity", QUEUE_CAPACITY,
      "shoal.pen.inference.max-in-flight", 1,
      "shoal.kafka.ingest.in-flight-per-partition", IN_FLIGHT_PER_PARTITION,
      "shoal.kafka.ingest.retry.max-backoff", "1s");

  private static TestServices services;

  @BeforeAll
  static void startServices() throws Exception {
    services = TestServices.start(PARTITIONS);
  }

  @AfterAll
  static void stopServices() throws Exception {
    services.close();
  }

  /** Counts what the inference worker answered besides predictions (called on its thread: atomics only). */
  private static final class Counting implements InferenceListener {
    final AtomicLong overloaded = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong images = new AtomicLong();
    final AtomicLong largestBatch = new AtomicLong();

    @Override
    public void batchCompleted(int size, long runNanos) {
      batches.incrementAndGet();
      images.addAndGet(size);
      largestBatch.accumulateAndGet(size, Math::max);
    }

    @Override
    public void overloaded() {
      overloaded.incrementAndGet();
    }

    @Override
    public void expired() {
      expired.incrementAndGet();
    }
  }

  @Test
  void consumptionSlowsToInferencesPaceWithBoundedQueuesAndNothingDropped() throws Exception {
    List<String> pens = pensSpreadOverPartitions();
    int total = pens.size() * FRAMES_PER_PEN;
    // All frames wait in Kafka before the node starts: production has run far ahead of consumption.
    try (FrameFeed feed = new FrameFeed(services.kafka.bootstrapServers(), TestServices.FRAMES)) {
      Instant start = Instant.now().minusSeconds(total);
      for (int n = 0; n < FRAMES_PER_PEN; n++) {
        for (String pen : pens) {
          feed.publish(pen, "cam", n, n % 4 == 3 ? LESION : HEALTHY, start.plusSeconds(n));
        }
      }
    }

    Counting inference = new Counting();
    ShoalNode node = ShoalNode.start(services.nodeConfig(0, List.of(), SLOW_AND_SMALL), inference);
    try {
      IngestMetrics metrics = node.ingestMetrics().orElseThrow();
      int samples = 0;
      int samplesWithLargeLag = 0;
      long maxUnsettled = 0;
      Instant firstSettled = null;
      Instant lagHalved = null;
      Instant deadline = Instant.now().plus(PATIENCE);
      while (true) {
        // Lag first, counters second: whatever was committed when the lag was read had been settled by then, so
        // it is settled in the later snapshot too.
        long lag = TopicReader.lag(services.kafka.bootstrapServers(), GROUP, TestServices.FRAMES);
        IngestMetrics.Snapshot s = metrics.snapshot();
        long settled = s.accepted() + s.duplicates() + s.deadLetteredTotal();
        samples++;
        // Offsets are committed only after the pen persisted the frame: the committed position never passes the
        // frames settled so far.
        assertThat(total - lag).as("committed offsets vs frames settled (%s)", s).isLessThanOrEqualTo(settled);
        // The consumer hands pens at most IN_FLIGHT_BOUND frames: read records not yet settled (in flight, or
        // waiting out a retry backoff in their slot) and deliveries in flight both stay within it.
        assertThat(s.inFlight()).as("in flight (%s)", s).isLessThanOrEqualTo(IN_FLIGHT_BOUND);
        assertThat(s.maxInFlight()).as("max in flight (%s)", s).isLessThanOrEqualTo(IN_FLIGHT_BOUND);
        maxUnsettled = Math.max(maxUnsettled, s.consumed() - settled);
        assertThat(s.consumed() - settled).as("read and unsettled (%s)", s).isLessThanOrEqualTo(IN_FLIGHT_BOUND);
        if (settled > 0 && firstSettled == null) {
          firstSettled = Instant.now();
        }
        if (settled > 0 && lag >= total / 2) {
          samplesWithLargeLag++;
        }
        if (firstSettled != null && lagHalved == null && lag < total / 2) {
          lagHalved = Instant.now();
        }
        if (lag == 0 && settled >= total) {
          break;
        }
        assertThat(Instant.now()).as("everything consumed in time (%s, lag %d)", s, lag).isBefore(deadline);
        Thread.sleep(SAMPLE_EVERY.toMillis()); // sampling pace, not a wait for a result
      }

      IngestMetrics.Snapshot end = metrics.snapshot();
      log.info("Backpressure: {} frames, {} samples ({} with lag >= half while consuming), half the lag took {} ms, "
              + "ingest {}, inference: {} batches of {} images (largest {}), {} overloaded, {} expired",
          total, samples, samplesWithLargeLag, Duration.between(firstSettled, lagHalved).toMillis(), end,
          inference.batches, inference.images, inference.largestBatch, inference.overloaded, inference.expired);

      // Slow: the lag stayed above half of the backlog for a while after the first frame was persisted.
      assertThat(Duration.between(firstSettled, lagHalved)).as("time for the lag to halve")
          .isGreaterThan(Duration.ofSeconds(1));
      // The worker's queue refused work instead of growing; each refusal reached the consumer as a deferral and
      // was delivered again.
      assertThat(inference.overloaded.get()).as("Overloaded answers").isPositive();
      assertThat(inference.largestBatch.get()).isLessThanOrEqualTo(QUEUE_CAPACITY);
      assertThat(end.deferred()).as("deferred (%s)", end)
          .isGreaterThanOrEqualTo(inference.overloaded.get() + inference.expired.get());
      assertThat(end.retries()).as("retries (%s)", end).isGreaterThanOrEqualTo(end.deferred());
      // Nothing dropped, nothing counted twice.
      assertThat(end.accepted() + end.duplicates()).isEqualTo(total);
      assertThat(end.deadLetteredTotal()).isZero();
      for (String pen : pens) {
        assertThat(PenQueries.health(node, pen).framesAssessed()).as(pen).isEqualTo(FRAMES_PER_PEN);
      }
      assertThat(inference.images.get()).as("frames computed").isGreaterThanOrEqualTo(total);
    } finally {
      node.close();
    }
  }

  /** Pen ids whose frames land PENS_PER_PARTITION on each partition (Kafka's default partitioner: murmur2 of the key). */
  private static List<String> pensSpreadOverPartitions() {
    int[] perPartition = new int[PARTITIONS];
    List<String> pens = new ArrayList<>();
    for (int i = 0; pens.size() < PARTITIONS * PENS_PER_PARTITION; i++) {
      String pen = "pen-bp-" + i;
      int partition = Utils.toPositive(Utils.murmur2(pen.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
      if (perPartition[partition] < PENS_PER_PARTITION) {
        perPartition[partition]++;
        pens.add(pen);
      }
    }
    return pens;
  }
}
