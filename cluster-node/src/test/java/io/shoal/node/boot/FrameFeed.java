package io.shoal.node.boot;

import io.shoal.node.ingest.FrameRecords;
import io.shoal.node.render.Condition;
import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.FrameTruth;
import io.shoal.node.render.Species;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A test camera: renders frames of known truth and publishes them to the frames topic, waiting for each ack. */
final class FrameFeed implements AutoCloseable {

  private static final Duration ACK = Duration.ofSeconds(30);

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final FrameRenderer renderer = new FrameRenderer();

  FrameFeed(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  /** Frame {@code n} of {@code camera} in {@code pen}: a salmon with {@code condition} (null = no fish). */
  void publish(String pen, String camera, int n, Condition condition, Instant capturedAt) {
    FrameTruth truth = condition == null ? FrameTruth.NO_FISH : FrameTruth.fish(Species.ATLANTIC_SALMON, condition);
    byte[] jpeg = renderer.render(seed(pen, camera, n), truth).jpeg();
    send(FrameRecords.toProducerRecord(topic, pen, camera, camera + "-" + n, capturedAt.toEpochMilli(), jpeg));
  }

  void send(ProducerRecord<byte[], byte[]> record) {
    try {
      producer.send(record).get(ACK.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not take the frame", e);
    }
  }

  /**
   * Publishes {@code frames} frames per camera, alternating cameras, with the conditions of {@code script} (frame
   * index -> condition, cycled), captured one second apart and ending now.
   */
  int publishPen(String pen, List<String> cameras, int frames, List<Condition> script) {
    Instant end = Instant.now();
    int total = frames * cameras.size();
    for (int i = 0; i < total; i++) {
      String camera = cameras.get(i % cameras.size());
      publish(pen, camera, i / cameras.size(), script.get(i % script.size()), end.minusSeconds(total - i));
    }
    return total;
  }

  private static long seed(String pen, String camera, int n) {
    return Map.entry(pen, camera).hashCode() * 1_000_003L + n;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
