package io.shoal.node.boot;

import static io.shoal.node.render.Condition.HEALTHY;
import static io.shoal.node.render.Condition.LESION;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.Eventually;
import io.shoal.node.inference.InferenceListener;
import io.shoal.node.render.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node stopped in the middle of a stream, without draining (as if its process died), and a new node on the same
 * PostgreSQL and Kafka: the pens recover their state, the uncommitted frames come again and are recognised, and in
 * the end every frame is counted exactly once.
 */
class PipelineRestartTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final List<String> PENS = List.of("pen-r1", "pen-r2");
  private static final List<Condition> SCRIPT = List.of(HEALTHY, HEALTHY, LESION);
  private static final int FIRST_BATCH_PER_PEN = 60;
  private static final int SECOND_BATCH_PER_PEN = 30;
  private static final int KILL_AFTER_ACCEPTED = 10;
  private static final Duration KILL_POLL = Duration.ofMillis(10);

  private static TestServices services;

  @BeforeAll
  static void startServices() throws Exception {
    services = TestServices.start(2);
  }

  @AfterAll
  static void stopServices() throws Exception {
    services.close();
  }

  /**
   * A dead consumer's partitions go to the others once the broker misses its heartbeats for this long: the broker's
   * minimum instead of Kafka's 45 s default, so the test does not wait that long.
   */
  private static final Map<String, String> QUICK_SESSION = Map.of(
      "pekko.kafka.consumer.kafka-clients.session.timeout.ms", "6000",
      "pekko.kafka.consumer.kafka-clients.heartbeat.interval.ms", "1000");

  /** A node that dies with its process: no coordinated shutdown, so no drain and no final commit. */
  private static ShoalNode crashableNode() {
    Map<String, String> settings = new java.util.HashMap<>(QUICK_SESSION);
    settings.putAll(Map.of(
        "pekko.coordinated-shutdown.run-by-actor-system-terminate", "off",
        // Slow commits, so that the crash leaves many processed frames uncommitted.
        "shoal.kafka.ingest.commit.max-interval", "60s",
        "shoal.kafka.ingest.commit.max-batch", "1000"));
    return ShoalNode.start(services.nodeConfig(0, List.of(), settings), InferenceListener.NONE);
  }

  @Test
  void aNodeKilledMidStreamLosesNothingAndCountsNothingTwice() throws Exception {
    try (FrameFeed feed = new FrameFeed(services.kafka.bootstrapServers(), TestServices.FRAMES)) {
      Instant start = Instant.now().minusSeconds(300);
      for (String pen : PENS) {
        for (int n = 0; n < FIRST_BATCH_PER_PEN; n++) {
          feed.publish(pen, pen + "-cam", n, SCRIPT.get(n % SCRIPT.size()), start.plusSeconds(n));
        }
      }
      // Kill the node as soon as some frames are persisted: the rest of the queued frames are still in flight or
      // not yet read.
      ShoalNode first = crashableNode();
      Instant deadline = Instant.now().plus(PATIENCE);
      while (first.ingestMetrics().orElseThrow().snapshot().accepted() < KILL_AFTER_ACCEPTED
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(KILL_POLL.toMillis());
      }
      first.system().terminate();
      first.whenTerminated().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      long persistedBeforeCrash = first.ingestMetrics().orElseThrow().snapshot().accepted();
      assertThat(persistedBeforeCrash).isLessThan(2L * FIRST_BATCH_PER_PEN);

      ShoalNode second = ShoalNode.start(services.nodeConfig(0, List.of(), QUICK_SESSION), InferenceListener.NONE);
      try {
        for (String pen : PENS) {
          for (int n = FIRST_BATCH_PER_PEN; n < FIRST_BATCH_PER_PEN + SECOND_BATCH_PER_PEN; n++) {
            feed.publish(pen, pen + "-cam", n, SCRIPT.get(n % SCRIPT.size()), start.plusSeconds(n));
          }
        }
        int perPen = FIRST_BATCH_PER_PEN + SECOND_BATCH_PER_PEN;
        Eventually.within(PATIENCE, () -> {
          for (String pen : PENS) {
            assertThat(PenQueries.health(second, pen).framesAssessed()).as(pen).isEqualTo(perPen);
          }
        });
        // Frames persisted before the crash but never committed came again and were recognised as duplicates.
        // (A frame persisted just before the crash, whose answer never reached the first node's ingestion, is in
        // neither node's "accepted" count: hence at most.)
        var metrics = second.ingestMetrics().orElseThrow().snapshot();
        assertThat(metrics.duplicates()).isPositive();
        assertThat(persistedBeforeCrash + metrics.accepted()).isLessThanOrEqualTo(2L * perPen);
        Eventually.within(PATIENCE, () -> assertThat(
            services.query("SELECT count(*) FROM pen_assessments")).containsExactly(List.of("" + 2 * perPen)));
      } finally {
        second.close();
      }
    }
  }
}
