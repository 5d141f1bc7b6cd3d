package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.observability.logging.LogKeys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class IngestMdcTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void a_frame_record_names_its_pen_camera_frame_and_position_for_the_scope_only() {
    ConsumerRecord<byte[], byte[]> record = TestRecords.consumed(FrameRecords.toProducerRecord("shoal.frames",
        "pen-4", "cam-2", "frame-9", 1_700_000_000_000L, TestRecords.png(2, 2)), 5, 1234L);

    try (var mdc = IngestMdc.record(record)) {
      assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of(
          LogKeys.KAFKA_TOPIC, "shoal.frames", LogKeys.KAFKA_PARTITION, "5", LogKeys.KAFKA_OFFSET, "1234",
          LogKeys.PEN_ID, "pen-4", LogKeys.CAMERA_ID, "cam-2", LogKeys.FRAME_ID, "frame-9"));
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void ids_that_are_not_valid_ids_stay_out_of_the_log() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(FrameRecords.FRAME_ID, "frame\n2026-11-26 ERROR forged line".getBytes(StandardCharsets.UTF_8));
    headers.add(FrameRecords.CAMERA_ID, new byte[] {(byte) 0xC3, (byte) 0x28}); // malformed UTF-8
    ConsumerRecord<byte[], byte[]> record = TestRecords.consumed(new ProducerRecord<>("shoal.frames", null, null,
        "pen 4".getBytes(StandardCharsets.UTF_8), new byte[] {1}, headers), 0, 7L);

    try (var mdc = IngestMdc.record(record)) {
      assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys(LogKeys.KAFKA_TOPIC, LogKeys.KAFKA_PARTITION,
          LogKeys.KAFKA_OFFSET);
    }
  }

  @Test
  void a_frame_on_its_way_names_its_pen_camera_frame_and_position() {
    FrameRecord frame = new FrameRecord("pen-4", "cam-2", "frame-9", 1L, FrameRecords.IMAGE_PNG, new byte[] {1}, 3, 99L);
    try (var mdc = IngestMdc.frame(frame)) {
      assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of(LogKeys.PEN_ID, "pen-4", LogKeys.CAMERA_ID, "cam-2",
          LogKeys.FRAME_ID, "frame-9", LogKeys.KAFKA_PARTITION, "3", LogKeys.KAFKA_OFFSET, "99"));
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }
}
