package io.shoal.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  @Test
  void carriesTheOriginalRecordAndWhyAndWhereFrom() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("camera-id", "cam-a".getBytes(StandardCharsets.UTF_8));
    headers.add("x-trace", new byte[] {1, 2, 3});
    byte[] key = "pen-1".getBytes(StandardCharsets.UTF_8);
    byte[] value = {9, 8, 7};
    ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("shoal.frames", 5, 4711L, 0L,
        TimestampType.CREATE_TIME, key.length, value.length, key, value, headers, Optional.empty());

    ProducerRecord<byte[], byte[]> dl = DeadLetter.record("shoal.frames.dead-letter", source,
        new Rejected(RejectReason.UNRECOGNISED_IMAGE, "the image starts with neither ..."));

    assertThat(dl.topic()).isEqualTo("shoal.frames.dead-letter");
    assertThat(dl.key()).isEqualTo(key);
    assertThat(dl.value()).isEqualTo(value);
    assertThat(dl.headers().lastHeader("camera-id").value()).isEqualTo("cam-a".getBytes(StandardCharsets.UTF_8));
    assertThat(dl.headers().lastHeader("x-trace").value()).isEqualTo(new byte[] {1, 2, 3});
    assertThat(text(dl, DeadLetter.REASON)).isEqualTo("unrecognised-image");
    assertThat(text(dl, DeadLetter.DETAIL)).isEqualTo("the image starts with neither ...");
    assertThat(text(dl, DeadLetter.SOURCE_TOPIC)).isEqualTo("shoal.frames");
    assertThat(text(dl, DeadLetter.SOURCE_PARTITION)).isEqualTo("5");
    assertThat(text(dl, DeadLetter.SOURCE_OFFSET)).isEqualTo("4711");
  }

  @Test
  void aRecordDeadLetteredAgainCarriesOnlyItsLatestReason() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetter.REASON, "empty-image".getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetter.SOURCE_OFFSET, "1".getBytes(StandardCharsets.UTF_8));
    ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("replay", 0, 2L, 0L, TimestampType.CREATE_TIME,
        -1, -1, null, null, headers, Optional.empty());

    ProducerRecord<byte[], byte[]> dl =
        DeadLetter.record("dlt", source, new Rejected(RejectReason.MISSING_PEN_ID, "no key"));

    assertThat(dl.key()).isNull();
    assertThat(dl.value()).isNull();
    assertThat(Arrays.stream(dl.headers().toArray()).map(Header::key)).containsExactly(
        DeadLetter.REASON, DeadLetter.DETAIL, DeadLetter.SOURCE_TOPIC, DeadLetter.SOURCE_PARTITION,
        DeadLetter.SOURCE_OFFSET);
    assertThat(text(dl, DeadLetter.REASON)).isEqualTo("missing-pen-id");
    assertThat(text(dl, DeadLetter.SOURCE_OFFSET)).isEqualTo("2");
  }

  @Test
  void anOversizedImageIsDeadLetteredWithoutItsValueButWithItsSize() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("frame-id", "f-1".getBytes(StandardCharsets.UTF_8));
    byte[] key = "pen-1".getBytes(StandardCharsets.UTF_8);
    byte[] value = new byte[1234];
    ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("shoal.frames", 0, 7L, 0L,
        TimestampType.CREATE_TIME, key.length, value.length, key, value, headers, Optional.empty());

    ProducerRecord<byte[], byte[]> dl = DeadLetter.record("dlt", source,
        new Rejected(RejectReason.IMAGE_TOO_LARGE, "too large"));

    assertThat(dl.value()).isNull();
    assertThat(dl.key()).isEqualTo(key);
    assertThat(text(dl, DeadLetter.ORIGINAL_VALUE_BYTES)).isEqualTo("1234");
    assertThat(text(dl, DeadLetter.REASON)).isEqualTo("image-too-large");
    assertThat(text(dl, "frame-id")).isEqualTo("f-1");
  }

  @Test
  void withoutValueKeepsKeyAndHeadersAndReplacesAnOlderSize() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetter.ORIGINAL_VALUE_BYTES, "99".getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetter.REASON, "unrecognised-image".getBytes(StandardCharsets.UTF_8));
    byte[] key = "pen-2".getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> full = new ProducerRecord<>("dlt", null, null, key, new byte[42], headers);

    ProducerRecord<byte[], byte[]> slim = DeadLetter.withoutValue(full);

    assertThat(slim.value()).isNull();
    assertThat(slim.key()).isEqualTo(key);
    assertThat(slim.topic()).isEqualTo("dlt");
    assertThat(Arrays.stream(slim.headers().toArray()).map(Header::key))
        .containsExactly(DeadLetter.REASON, DeadLetter.ORIGINAL_VALUE_BYTES);
    assertThat(text(slim, DeadLetter.ORIGINAL_VALUE_BYTES)).isEqualTo("42");
    assertThat(DeadLetter.withoutValue(slim)).isSameAs(slim);
  }

  private static String text(ProducerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
