package io.shoal.node.bench.e2e;

import io.shoal.node.ingest.FrameRecords;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The bench's cameras: frames of the rendered set, round robin over the pens and their cameras, to the frames
 * topic. Frame {@code k} of a run tagged {@code t} has id {@code t-k}; its captured-at is the moment it is sent.
 */
final class FrameProducer implements AutoCloseable {

  /** How many frames one run sent, and over how long (first send to the last acknowledgement). */
  record Sent(long frames, long nanos) {
    double rate() {
      return Figures.perSecond(frames, nanos);
    }
  }

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final List<byte[]> frames;
  private final E2eSettings settings;

  FrameProducer(String bootstrapServers, String topic, List<byte[]> frames, E2eSettings settings) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.frames = frames;
    this.settings = settings;
  }

  /** Sends {@code count} frames as fast as Kafka takes them; returns once all are acknowledged. */
  Sent burst(String tag, int count) {
    long start = System.nanoTime();
    AtomicReference<Exception> failure = new AtomicReference<>();
    for (int k = 0; k < count; k++) {
      send(tag, k, failure);
    }
    producer.flush();
    check(failure);
    return new Sent(count, System.nanoTime() - start);
  }

  /** Sends at {@code perSecond} frames a second, evenly spaced, for {@code duration}; returns once all are acked. */
  Sent atRate(String tag, double perSecond, Duration duration) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    double interval = 1e9 / perSecond;
    long k = 0;
    for (long due = start; due < end; due = start + (long) (++k * interval)) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      send(tag, k, failure);
    }
    producer.flush();
    check(failure);
    return new Sent(k, System.nanoTime() - start);
  }

  private void send(String tag, long k, AtomicReference<Exception> failure) {
    int pen = (int) (k % settings.pens());
    int camera = (int) ((k / settings.pens()) % settings.camerasPerPen());
    byte[] image = frames.get((int) (k % frames.size()));
    producer.send(FrameRecords.toProducerRecord(topic, settings.penId(pen), "cam-" + (camera + 1), tag + "-" + k,
        System.currentTimeMillis(), image), (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
  }

  private static void check(AtomicReference<Exception> failure) {
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka refused a bench frame", failure.get());
    }
  }

  @Override
  public void close() {
    producer.close(CLOSE_TIMEOUT);
  }
}
