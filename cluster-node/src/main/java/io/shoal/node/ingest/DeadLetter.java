package io.shoal.node.ingest;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the dead-letter record for a rejected frame: the original key, value and headers unchanged, plus why it
 * was rejected and where it came from, so an operator can inspect, fix and replay it.
 */
public final class DeadLetter {

  /** The {@link RejectReason#code()}. */
  public static final String REASON = "dead-letter-reason";
  /** The human-readable {@link Rejected#detail()}. */
  public static final String DETAIL = "dead-letter-detail";
  public static final String SOURCE_TOPIC = "source-topic";
  public static final String SOURCE_PARTITION = "source-partition";
  public static final String SOURCE_OFFSET = "source-offset";

  private static final String[] ADDED = {REASON, DETAIL, SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET};

  private DeadLetter() {}

  /**
   * The record to produce to {@code deadLetterTopic} for {@code source}. Headers this method adds replace any of the
   * same name already on the source (a record dead-lettered again carries only its latest reason).
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
    return new ProducerRecord<>(deadLetterTopic, null, null, source.key(), source.value(), headers);
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
