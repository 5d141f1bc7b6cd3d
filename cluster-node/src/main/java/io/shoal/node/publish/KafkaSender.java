package io.shoal.node.publish;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A KafkaProducer as a CompletionStage: the stage completes when all in-sync replicas have the record (acks=all),
 * or fails once the producer gave up within {@code delivery.timeout.ms}. Idempotence keeps the producer's own
 * retries from writing a record twice or out of order. {@link Producer#send} may block (metadata, full buffer, up
 * to {@code max.block.ms}), so it runs on {@code sendExecutor}, never on the caller's (an actor's or stream's)
 * thread.
 */
final class KafkaSender implements AutoCloseable {

  private final Producer<String, byte[]> producer;
  private final Executor sendExecutor;
  private final Duration closeTimeout;

  KafkaSender(Producer<String, byte[]> producer, Executor sendExecutor, Duration closeTimeout) {
    this.producer = producer;
    this.sendExecutor = sendExecutor;
    this.closeTimeout = closeTimeout;
  }

  static KafkaSender create(String bootstrapServers, PenHealthSettings settings, Executor sendExecutor) {
    long delivery = settings.deliveryTimeout().toMillis();
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery,
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms; linger stays at its default 0.
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(delivery, Duration.ofSeconds(30).toMillis()),
        ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis(),
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.CLIENT_ID_CONFIG, "shoal-" + settings.projection().name());
    return new KafkaSender(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
        sendExecutor, settings.closeTimeout());
  }

  CompletionStage<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
    CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
    sendExecutor.execute(() -> {
      try {
        producer.send(record, (metadata, error) -> {
          if (error != null) {
            acknowledged.completeExceptionally(error);
          } else {
            acknowledged.complete(metadata);
          }
        });
      } catch (RuntimeException e) {
        acknowledged.completeExceptionally(e);
      }
    });
    return acknowledged;
  }

  @Override
  public void close() {
    producer.close(closeTimeout);
  }
}
