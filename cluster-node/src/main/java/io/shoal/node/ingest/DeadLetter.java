package io.shoal.node.ingest;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the dead-letter record for a rejected frame: the original key, value and headers unchanged, plus why it
 * was rejected and where it came from, so an operator can inspect, fix and replay it.
 *
 * <p>One exception: a record whose value may not fit in the dead-letter topic is written without it (a null value)
 * and with its size in {@value #ORIGINAL_VALUE_BYTES}. That is always the case for {@link RejectReason#IMAGE_TOO_LARGE}
 * (the frames topic may accept larger records than the dead-letter producer or topic: copying the value could fail
 * the dead-letter write and with it the stream, at the same offset after every restart), and {@link #withoutValue}
 * is the fallback for any other dead letter that turns out too large. The original stays in the frames topic.
 */
public final class DeadLetter {

  /** The {@link RejectReason#code()}. */
  public static final String REASON = "dead-letter-reason";
  /** The human-readable {@link Rejected#detail()}. */
  public static final String DETAIL = "dead-letter-detail";
  public static final String SOURCE_TOPIC = "source-topic";
  public static final String SOURCE_PARTITION = "source-partition";
  public static final String SOURCE_OFFSET = "source-offset";
  /** On a dead letter written without its value: the original value's size in bytes (decimal). */
  public static final String ORIGINAL_VALUE_BYTES = "original-value-bytes";

  private static final String[] ADDED = {REASON, DETAIL, SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET};

  private DeadLetter() {}

  /**
   * The record to produce to {@code deadLetterTopic} for {@code source}. Headers this method adds replace any of the
   * same name already on the source (a record dead-lettered again carries only its latest reason). An
   * {@link RejectReason#IMAGE_TOO_LARGE} record is written {@linkplain #withoutValue without its value}.
   */
  public static ProducerRecord<byte[], byte[]> record(String deadLetterTopic, ConsumerRecord<byte[], byte[]> source,
      Rejected rejected) {
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    RecordHeaders headers = new RecordHeaders();
    for (Header header : source.headers()) {
      if (!isAdded(header.key())) {
        headers.add(header);
      }
    }
    headers.add(REASON, FrameRecords.utf8(rejected.reason().code()));
    headers.add(DETAIL, FrameRecords.utf8(rejected.detail()));
    headers.add(SOURCE_TOPIC, FrameRecords.utf8(source.topic()));
    headers.add(SOURCE_PARTITION, FrameRecords.utf8(Integer.toString(source.partition())));
    headers.add(SOURCE_OFFSET, FrameRecords.utf8(Long.toString(source.offset())));
    ProducerRecord<byte[], byte[]> deadLetter =
        new ProducerRecord<>(deadLetterTopic, null, null, source.key(), source.value(), headers);
    return rejected.reason() == RejectReason.IMAGE_TOO_LARGE ? withoutValue(deadLetter) : deadLetter;
  }

  /**
   * {@code deadLetter} with a null value and, when it had one, its size in {@value #ORIGINAL_VALUE_BYTES} (replacing
   * any such header it carried); key and other headers unchanged. A dead letter without a value is returned as it is.
   */
  public static ProducerRecord<byte[], byte[]> withoutValue(ProducerRecord<byte[], byte[]> deadLetter) {
    byte[] value = deadLetter.value();
    if (value == null) {
      return deadLetter;
    }
    RecordHeaders headers = new RecordHeaders();
    for (Header header : deadLetter.headers()) {
      if (!ORIGINAL_VALUE_BYTES.equals(header.key())) {
        headers.add(header);
      }
    }
    headers.add(ORIGINAL_VALUE_BYTES, FrameRecords.utf8(Integer.toString(value.length)));
    return new ProducerRecord<>(deadLetter.topic(), deadLetter.partition(), deadLetter.timestamp(), deadLetter.key(),
        null, headers);
  }

  private static boolean isAdded(String key) {
    for (String added : ADDED) {
      if (added.equals(key)) {
        return true;
      }
    }
    return false;
  }
}
