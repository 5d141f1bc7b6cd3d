package io.shoal.node.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.ingest.FrameRecords;
import io.shoal.node.render.FrameRenderer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bounded render-and-send pipeline against kafka-clients' MockProducer: bounds, counts, failures, close. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FramePublisherTest {

  private static final Scenario SCENARIO = Scenario.of(SimulatorTestConfig.settings("shoal.simulator.pens = 2"));
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  @Test
  void framesBeyondTheUnsentBoundAreSkippedNotQueued() throws Exception {
    // No automatic acknowledgements: every frame taken stays unsent until the test completes it.
    MockProducer<byte[], byte[]> kafka = mockProducer(false);
    int maxUnsent = 3;
    FramePublisher publisher = publisher(kafka, maxUnsent);
    Camera camera = SCENARIO.cameras().get(0);

    for (long slot = 0; slot < 8; slot++) {
      boolean taken = publisher.offer(SCENARIO.frame(camera, slot).orElseThrow(), "f-" + slot, 1_700_000_000_000L);
      assertThat(taken).as("slot %d", slot).isEqualTo(slot < maxUnsent);
    }
    awaitSent(kafka, maxUnsent);
    assertThat(publisher.stats().skipped()).isEqualTo(5);
    assertThat(publisher.stats().published()).isZero();

    // One acknowledgement frees one place; an error frees one too and is counted as failed.
    assertThat(kafka.completeNext()).isTrue();
    assertThat(kafka.errorNext(new RuntimeException("broker said no"))).isTrue();
    assertThat(publisher.offer(SCENARIO.frame(camera, 8).orElseThrow(), "f-8", 1_700_000_000_000L)).isTrue();
    assertThat(publisher.offer(SCENARIO.frame(camera, 9).orElseThrow(), "f-9", 1_700_000_000_000L)).isTrue();
    assertThat(publisher.offer(SCENARIO.frame(camera, 10).orElseThrow(), "f-10", 1_700_000_000_000L)).isFalse();

    SimulatorStats stats = publisher.stats();
    assertThat(stats.publishedByPen()).containsExactly(Map.entry("pen-1", 1L), Map.entry("pen-2", 0L));
    assertThat(stats.failed()).isEqualTo(1);
    assertThat(stats.skipped()).isEqualTo(6);
  }

  @Test
  void recordsFollowTheFrameContractAndCloseSendsWhatWasTaken() {
    MockProducer<byte[], byte[]> kafka = mockProducer(true);
    FramePublisher publisher = publisher(kafka, 16);
    Camera camera = SCENARIO.cameras().get(3);
    for (long slot = 0; slot < 6; slot++) {
      PlannedFrame frame = SCENARIO.frame(camera, slot).orElseThrow();
      assertThat(publisher.offer(frame, "pen-2-cam-2-x-" + slot, 1_700_000_000_000L + slot)).isTrue();
    }
    publisher.close();

    List<ProducerRecord<byte[], byte[]>> sent = kafka.history();
    assertThat(sent).hasSize(6);
    ProducerRecord<byte[], byte[]> first = sent.stream()
        .filter(r -> header(r, FrameRecords.FRAME_ID).equals("pen-2-cam-2-x-0")).findFirst().orElseThrow();
    assertThat(first.topic()).isEqualTo("frames");
    assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("pen-2");
    assertThat(header(first, FrameRecords.CAMERA_ID)).isEqualTo("pen-2-cam-2");
    assertThat(header(first, FrameRecords.CAPTURED_AT)).isEqualTo("1700000000000");
    assertThat(header(first, FrameRecords.CONTENT_TYPE)).isEqualTo(FrameRecords.IMAGE_JPEG);
    PlannedFrame planned = SCENARIO.frame(camera, 0).orElseThrow();
    assertThat(first.value()).isEqualTo(new FrameRenderer().render(planned.seed(), planned.truth()).jpeg());
    assertThat(publisher.stats().publishedByPen()).containsEntry("pen-2", 6L);
    assertThat(kafka.closed()).isTrue();
    // After close nothing more is taken.
    assertThat(publisher.offer(SCENARIO.frame(camera, 7).orElseThrow(), "late", 1_700_000_000_000L)).isFalse();
  }

  private static MockProducer<byte[], byte[]> mockProducer(boolean autoComplete) {
    return new MockProducer<>(autoComplete, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static FramePublisher publisher(MockProducer<byte[], byte[]> kafka, int maxUnsent) {
    return new FramePublisher(new FrameRenderer(), kafka, "frames", 2, maxUnsent, CLOSE_TIMEOUT,
        new PublishCounters(SCENARIO.penIds()));
  }

  /** The pool renders asynchronously; wait until the producer has the frames. */
  private static void awaitSent(MockProducer<byte[], byte[]> kafka, int count) throws InterruptedException {
    long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
    while (kafka.history().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(kafka.history()).hasSize(count);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
