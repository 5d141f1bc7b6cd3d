package io.shoal.node.ingest;

import io.shoal.observability.logging.LogKeys;
import io.shoal.observability.logging.MdcScope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * MDC scopes for ingestion's log lines, which are written from future callbacks and scheduler timers (any thread):
 * open one around the log call, never leave it on the thread.
 */
final class IngestMdc {

  private IngestMdc() {}

  /** A frame on its way to its pen: pen, camera, frame and Kafka position. */
  static MdcScope frame(FrameRecord frame) {
    return MdcScope.of(
        LogKeys.PEN_ID, frame.penId(),
        LogKeys.CAMERA_ID, frame.cameraId(),
        LogKeys.FRAME_ID, frame.frameId(),
        LogKeys.KAFKA_PARTITION, Integer.toString(frame.partition()),
        LogKeys.KAFKA_OFFSET, Long.toString(frame.offset()));
  }

  /**
   * A consumed record, valid frame or not: its topic, partition and offset, and the pen, camera and frame ids it
   * carries when they are valid ids (a rejected record may carry anything; only well-formed ids reach the log).
   */
  static MdcScope record(ConsumerRecord<byte[], byte[]> record) {
    return MdcScope.of(
        LogKeys.KAFKA_TOPIC, record.topic(),
        LogKeys.KAFKA_PARTITION, Integer.toString(record.partition()),
        LogKeys.KAFKA_OFFSET, Long.toString(record.offset()),
        LogKeys.PEN_ID, validId(record.key()),
        LogKeys.CAMERA_ID, validId(header(record, FrameRecords.CAMERA_ID)),
        LogKeys.FRAME_ID, validId(header(record, FrameRecords.FRAME_ID)));
  }

  private static byte[] header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : header.value();
  }

  private static String validId(byte[] bytes) {
    if (bytes == null || bytes.length > FrameRecords.MAX_ID_LENGTH * 4) {
      return null;
    }
    return FrameRecords.decodeUtf8(bytes).filter(FrameRecords::isValidId).orElse(null);
  }
}
