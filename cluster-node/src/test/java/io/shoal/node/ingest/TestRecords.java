package io.shoal.node.ingest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Builds the consumer side of records for parser tests, as Kafka would hand them over. */
final class TestRecords {

  private TestRecords() {}

  /** {@code produced} as a consumer would read it at {@code partition}/{@code offset}. */
  static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> produced, int partition, long offset) {
    RecordHeaders headers = new RecordHeaders(produced.headers().toArray());
    return new ConsumerRecord<>(produced.topic(), partition, offset, 0L, TimestampType.CREATE_TIME,
        produced.key() == null ? -1 : produced.key().length, produced.value() == null ? -1 : produced.value().length,
        produced.key(), produced.value(), headers, Optional.empty());
  }

  static byte[] png(int width, int height) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
