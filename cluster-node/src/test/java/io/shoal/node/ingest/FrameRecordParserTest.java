package io.shoal.node.ingest;

import static io.shoal.node.ingest.TestRecords.consumed;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.LabelMix;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameRecordParserTest {

  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  private static final long CAPTURED_AT = NOW.minusSeconds(3).toEpochMilli();
  private static final int MAX_IMAGE_BYTES = 256 * 1024;
  private static final String TOPIC = "shoal.frames";

  private static byte[] jpeg;

  private final FrameRecordParser parser =
      new FrameRecordParser(MAX_IMAGE_BYTES, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeAll
  static void renderFrame() {
    jpeg = new FrameRenderer().render(42L, LabelMix.DATASET).jpeg();
  }

  private static ProducerRecord<byte[], byte[]> valid() {
    return FrameRecords.toProducerRecord(TOPIC, "pen-1", "cam-a", "frame-000017", CAPTURED_AT, jpeg);
  }

  /** A valid record with one change applied to its key, value or headers. */
  private static ConsumerRecord<byte[], byte[]> validExcept(Consumer<Mutable> change) {
    Mutable m = new Mutable(valid());
    change.accept(m);
    return consumed(new ProducerRecord<>(TOPIC, null, null, m.key, m.value, m.headers), 3, 1234L);
  }

  private static final class Mutable {
    byte[] key;
    byte[] value;
    final Headers headers;

    Mutable(ProducerRecord<byte[], byte[]> r) {
      key = r.key();
      value = r.value();
      headers = r.headers();
    }

    void header(String name, String value) {
      headers.remove(name);
      headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private Rejected rejected(ConsumerRecord<byte[], byte[]> record, RejectReason expected) {
    FrameRecordParser.Result result = parser.parse(record);
    assertThat(result).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) result;
    assertThat(rejected.reason()).isEqualTo(expected);
    assertThat(rejected.detail()).isNotBlank().doesNotContain("\n");
    return rejected;
  }

  @Test
  void aRenderedJpegFrameIsValidAndKeepsEverything() {
    FrameRecordParser.Result result = parser.parse(consumed(valid(), 3, 1234L));

    assertThat(result).isEqualTo(
        new FrameRecord("pen-1", "cam-a", "frame-000017", CAPTURED_AT, "image/jpeg", jpeg.clone(), 3, 1234L));
    assertThat(((FrameRecord) result).image()).isEqualTo(jpeg);
  }

  @Test
  void aPngFrameIsValid() {
    byte[] png = TestRecords.png(8, 6);
    FrameRecordParser.Result result =
        parser.parse(consumed(FrameRecords.toProducerRecord(TOPIC, "P_7", "c1", "f1", CAPTURED_AT, png), 0, 0L));

    assertThat(result).isInstanceOf(FrameRecord.class);
    assertThat(((FrameRecord) result).contentType()).isEqualTo("image/png");
    assertThat(((FrameRecord) result).image()).isEqualTo(png);
  }

  @Test
  void limitsAreInclusive() {
    FrameRecordParser exact = new FrameRecordParser(jpeg.length, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    String longest = "p".repeat(FrameRecords.MAX_ID_LENGTH);
    long latest = NOW.plus(Duration.ofMinutes(5)).toEpochMilli();

    assertThat(exact.parse(consumed(FrameRecords.toProducerRecord(TOPIC, longest, "c", "f", latest, jpeg), 0, 0)))
        .isInstanceOf(FrameRecord.class);
    assertThat(exact.parse(consumed(FrameRecords.toProducerRecord(TOPIC, "p", "c", "f",
        FrameRecordParser.EARLIEST_CAPTURED_AT.toEpochMilli(), jpeg), 0, 0))).isInstanceOf(FrameRecord.class);
  }

  @Test
  void noKeyIsMissingPenId() {
    rejected(validExcept(m -> m.key = null), RejectReason.MISSING_PEN_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "pen 1", "pen/1", "-pen", "pen\n1", "pen\u00e9", "../etc", "pen;drop"})
  void badKeysAreInvalidPenIds(String key) {
    Rejected r = rejected(validExcept(m -> m.key = key.getBytes(StandardCharsets.UTF_8)), RejectReason.INVALID_PEN_ID);
    assertThat(r.detail()).doesNotContain("\n");
  }

  @Test
  void aTooLongKeyIsAnInvalidPenId() {
    String key = "p".repeat(FrameRecords.MAX_ID_LENGTH + 1);
    Rejected r = rejected(validExcept(m -> m.key = key.getBytes(StandardCharsets.UTF_8)), RejectReason.INVALID_PEN_ID);
    assertThat(r.detail()).hasSizeLessThan(200);
  }

  @Test
  void aKeyThatIsNotUtf8IsAnInvalidPenId() {
    Rejected r = rejected(validExcept(m -> m.key = new byte[] {'p', (byte) 0xC3, (byte) 0x28}),
        RejectReason.INVALID_PEN_ID);
    assertThat(r.detail()).contains("0x70c328").contains("not UTF-8");
  }

  @Test
  void noValueOrAnEmptyValueIsAnEmptyImage() {
    rejected(validExcept(m -> m.value = null), RejectReason.EMPTY_IMAGE);
    rejected(validExcept(m -> m.value = new byte[0]), RejectReason.EMPTY_IMAGE);
  }

  @Test
  void aValueOverTheLimitIsTooLarge() {
    byte[] big = Arrays.copyOf(jpeg, MAX_IMAGE_BYTES + 1);
    Rejected r = rejected(validExcept(m -> m.value = big), RejectReason.IMAGE_TOO_LARGE);
    assertThat(r.detail()).contains(Integer.toString(MAX_IMAGE_BYTES + 1)).contains(Integer.toString(MAX_IMAGE_BYTES));
  }

  @Test
  void aValueWithoutAnImageSignatureIsUnrecognised() {
    rejected(validExcept(m -> m.value = "GIF89a....".getBytes(StandardCharsets.US_ASCII)),
        RejectReason.UNRECOGNISED_IMAGE);
    rejected(validExcept(m -> m.value = new byte[] {(byte) 0xFF, (byte) 0xD8}), RejectReason.UNRECOGNISED_IMAGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {FrameRecords.CAMERA_ID, FrameRecords.FRAME_ID, FrameRecords.CAPTURED_AT,
      FrameRecords.CONTENT_TYPE})
  void eachRequiredHeaderIsRequired(String name) {
    Rejected r = rejected(validExcept(m -> m.headers.remove(name)), RejectReason.MISSING_HEADER);
    assertThat(r.detail()).contains(name);
    rejected(validExcept(m -> m.header(name, null)), RejectReason.MISSING_HEADER);
  }

  @ParameterizedTest
  @ValueSource(strings = {FrameRecords.CAMERA_ID, FrameRecords.FRAME_ID, FrameRecords.CAPTURED_AT,
      FrameRecords.CONTENT_TYPE})
  void aRepeatedHeaderIsAmbiguous(String name) {
    Rejected r = rejected(validExcept(m -> m.headers.add(name, m.headers.lastHeader(name).value())),
        RejectReason.DUPLICATE_HEADER);
    assertThat(r.detail()).contains(name);
  }

  @Test
  void badCameraIdsAreInvalid() {
    rejected(validExcept(m -> m.header(FrameRecords.CAMERA_ID, "")), RejectReason.INVALID_CAMERA_ID);
    rejected(validExcept(m -> m.header(FrameRecords.CAMERA_ID, "cam a")), RejectReason.INVALID_CAMERA_ID);
    Rejected r = rejected(validExcept(m -> {
      m.headers.remove(FrameRecords.CAMERA_ID);
      m.headers.add(FrameRecords.CAMERA_ID, new byte[] {(byte) 0xFF});
    }), RejectReason.INVALID_CAMERA_ID);
    assertThat(r.detail()).contains("0xff");
  }

  @Test
  void badFrameIdsAreInvalid() {
    rejected(validExcept(m -> m.header(FrameRecords.FRAME_ID, "")), RejectReason.INVALID_FRAME_ID);
    rejected(validExcept(m -> m.header(FrameRecords.FRAME_ID, "f".repeat(FrameRecords.MAX_ID_LENGTH + 1))),
        RejectReason.INVALID_FRAME_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "1.7e12", "2026-11-26T08:00:00Z", "99999999999999999999", "+1764143997000",
      " 1764143997000", "1764143997000 ", "-1", "\u0661\u0667"})
  void aCapturedAtThatIsNotEpochMillisIsInvalid(String value) {
    rejected(validExcept(m -> m.header(FrameRecords.CAPTURED_AT, value)), RejectReason.INVALID_CAPTURED_AT);
  }

  @Test
  void aCapturedAtOutsideTheSaneRangeIsInvalid() {
    long tooLate = NOW.plus(Duration.ofMinutes(5)).toEpochMilli() + 1;
    long tooEarly = FrameRecordParser.EARLIEST_CAPTURED_AT.toEpochMilli() - 1;
    long seconds = NOW.getEpochSecond();
    for (long value : new long[] {tooLate, tooEarly, seconds, 0, 999_999_999_999_999_999L}) {
      rejected(validExcept(m -> m.header(FrameRecords.CAPTURED_AT, Long.toString(value))),
          RejectReason.INVALID_CAPTURED_AT);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "image/gif", "IMAGE/JPEG", "image/jpeg; charset=binary", "image/jpg"})
  void otherContentTypesAreUnsupported(String value) {
    rejected(validExcept(m -> m.header(FrameRecords.CONTENT_TYPE, value)), RejectReason.UNSUPPORTED_CONTENT_TYPE);
  }

  @Test
  void aContentTypeThatDisagreesWithTheImageIsAMismatch() {
    Rejected r = rejected(validExcept(m -> m.header(FrameRecords.CONTENT_TYPE, "image/png")),
        RejectReason.CONTENT_TYPE_MISMATCH);
    assertThat(r.detail()).contains("image/png").contains("image/jpeg");
    rejected(validExcept(m -> {
      m.value = TestRecords.png(2, 2);
      m.header(FrameRecords.CONTENT_TYPE, "image/jpeg");
    }), RejectReason.CONTENT_TYPE_MISMATCH);
  }

  @Test
  void reasonCodesAreStable() {
    assertThat(Arrays.stream(RejectReason.values()).map(RejectReason::code)).containsExactly(
        "missing-pen-id", "invalid-pen-id", "missing-header", "duplicate-header", "invalid-camera-id",
        "invalid-frame-id", "invalid-captured-at", "unsupported-content-type", "empty-image", "image-too-large",
        "unrecognised-image", "content-type-mismatch",
        // the pen's verdicts (PenProtocol.FrameRejected codes)
        "undecodable-image", "too-many-cameras", "rejected-by-pen");
  }
}
