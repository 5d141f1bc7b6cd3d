package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class FrameRecordsTest {

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10};

  @Test
  void theProducerRecordFollowsTheContract() {
    ProducerRecord<byte[], byte[]> r =
        FrameRecords.toProducerRecord("shoal.frames", "pen-1", "cam-a", "f-1", 1_764_144_000_000L, JPEG);

    assertThat(r.topic()).isEqualTo("shoal.frames");
    assertThat(r.partition()).isNull();
    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("pen-1");
    assertThat(r.value()).isEqualTo(JPEG);
    assertThat(header(r, "camera-id")).isEqualTo("cam-a");
    assertThat(header(r, "frame-id")).isEqualTo("f-1");
    assertThat(header(r, "captured-at")).isEqualTo("1764144000000");
    assertThat(header(r, "content-type")).isEqualTo("image/jpeg");
    assertThat(r.headers().toArray()).hasSize(4);
  }

  @Test
  void theContentTypeComesFromTheImage() {
    ProducerRecord<byte[], byte[]> r =
        FrameRecords.toProducerRecord("t", "p", "c", "f", 1_764_144_000_000L, TestRecords.png(1, 1));
    assertThat(header(r, "content-type")).isEqualTo("image/png");
  }

  @Test
  void thePublisherCannotBreakTheContract() {
    assertThatThrownBy(() -> FrameRecords.toProducerRecord("t", "pen 1", "c", "f", 1L, JPEG))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pen id");
    assertThatThrownBy(() -> FrameRecords.toProducerRecord("t", "p", "", "f", 1L, JPEG))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("camera id");
    assertThatThrownBy(() -> FrameRecords.toProducerRecord("t", "p", "c", null, 1L, JPEG))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame id");
    assertThatThrownBy(() -> FrameRecords.toProducerRecord("t", "p", "c", "f", 1L, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> FrameRecords.toProducerRecord("t", "p", "c", "f", 1L, "GIF89a".getBytes()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither JPEG nor PNG");
  }

  @Test
  void idsAreBoundedAndSafe() {
    assertThat(FrameRecords.isValidId("pen-01")).isTrue();
    assertThat(FrameRecords.isValidId("site:north.pen_7")).isTrue();
    assertThat(FrameRecords.isValidId("x".repeat(FrameRecords.MAX_ID_LENGTH))).isTrue();
    assertThat(FrameRecords.isValidId("x".repeat(FrameRecords.MAX_ID_LENGTH + 1))).isFalse();
    assertThat(FrameRecords.isValidId("")).isFalse();
    assertThat(FrameRecords.isValidId(null)).isFalse();
    assertThat(FrameRecords.isValidId(".hidden")).isFalse();
    assertThat(FrameRecords.isValidId("a b")).isFalse();
    assertThat(FrameRecords.isValidId("a/b")).isFalse();
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
