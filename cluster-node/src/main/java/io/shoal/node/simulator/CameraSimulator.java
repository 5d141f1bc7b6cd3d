package io.shoal.node.simulator;

import io.shoal.node.render.FrameRenderer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera simulator of {@code ./shoal demo} and {@code ./shoal simulate}: every camera of a {@link Scenario}
 * takes a frame each period, which is rendered and published to the frames topic under the frame record contract.
 *
 * <pre>{@code
 * try (CameraSimulator simulator = CameraSimulator.create(settings, "localhost:9092", "shoal.frames")) {
 *   simulator.start();
 *   ...
 * } // close(): stops the cameras, sends what was taken, flushes, logs a summary
 * }</pre>
 *
 * A frame's id is {@code <camera>-<run>-<slot>}: the run (the start time, base 36) keeps a restarted simulator's
 * frames from being taken for Kafka redeliveries by pens that remember recent frame ids. Its captured-at is the
 * wall-clock time its slot was due.
 */
public final class CameraSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CameraSimulator.class);
  private static final int RUN_ID_RADIX = 36;

  private final Scenario scenario;
  private final FramePublisher publisher;
  private final Clock clock;
  /** One thread keeps time for every camera: a tick only plans a frame and hands it over, never blocks. */
  private final ScheduledThreadPoolExecutor cameraClock =
      new ScheduledThreadPoolExecutor(1, new DaemonThreads("shoal-sim-clock"));
  private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
  private boolean started;
  private boolean closed;

  CameraSimulator(Scenario scenario, Producer<byte[], byte[]> producer, String topic, Clock clock) {
    SimulatorSettings s = scenario.settings();
    this.scenario = scenario;
    this.clock = clock;
    this.publisher = new FramePublisher(new FrameRenderer(), producer, topic, s.renderThreads(), s.maxUnsentFrames(),
        s.closeTimeout(), new PublishCounters(scenario.penIds()));
  }

  /** A simulator of {@code settings}' scenario publishing to {@code topic} on {@code bootstrapServers}; not started. */
  public static CameraSimulator create(SimulatorSettings settings, String bootstrapServers, String topic) {
    return new CameraSimulator(Scenario.of(settings), producer(settings, bootstrapServers), topic, Clock.systemUTC());
  }

  public Scenario scenario() {
    return scenario;
  }

  /** Starts every camera's clock; the first frames are due at once. */
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException(closed ? "the simulator is closed" : "the simulator is already started");
    }
    started = true;
    long startMillis = clock.millis();
    String run = Long.toString(startMillis, RUN_ID_RADIX);
    long periodNanos = scenario.period().toNanos();
    for (Camera camera : scenario.cameras()) {
      CameraTicks ticks = new CameraTicks(camera, run, startMillis);
      schedules.add(cameraClock.scheduleAtFixedRate(ticks::tick, scenario.firstSlot(camera).toNanos(), periodNanos,
          TimeUnit.NANOSECONDS));
    }
    SimulatorSettings s = scenario.settings();
    log.info("Camera simulator started: {} pens x {} cameras at {} fps, seed {}, {} condition episodes, {} camera "
            + "outages (run {})", s.pens(), s.camerasPerPen(), s.fps(), s.seed(), scenario.conditionEpisodes().size(),
        scenario.cameraOutages().size(), run);
  }

  /** Frames published per pen so far, and those skipped or failed. */
  public SimulatorStats stats() {
    return publisher.stats();
  }

  /** Stops the cameras, sends the frames already taken, flushes the producer and logs a summary. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    schedules.forEach(schedule -> schedule.cancel(false));
    cameraClock.shutdown();
    try {
      // A tick is a few microseconds of planning; the close timeout is a generous bound for the one in progress.
      cameraClock.awaitTermination(scenario.settings().closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close();
    log.info("Camera simulator stopped: {}", stats().summary());
  }

  private static Producer<byte[], byte[]> producer(SimulatorSettings settings, String bootstrapServers) {
    Map<String, Object> properties = new HashMap<>(settings.producer());
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** One camera's timeline. Fixed-rate runs of one task never overlap, so {@code nextSlot} needs no lock. */
  private final class CameraTicks {
    private final Camera camera;
    private final String framePrefix;
    private final long startMillis;
    private long nextSlot;

    CameraTicks(Camera camera, String run, long startMillis) {
      this.camera = camera;
      this.framePrefix = camera.cameraId() + "-" + run + "-";
      this.startMillis = startMillis;
    }

    void tick() {
      long slot = nextSlot++;
      try {
        scenario.frame(camera, slot).ifPresent(frame ->
            publisher.offer(frame, framePrefix + slot, startMillis + frame.at().toMillis()));
      } catch (RuntimeException e) {
        // An exception escaping a fixed-rate task would silently stop this camera for good.
        log.error("Camera simulator: {} could not take frame {}", camera.cameraId(), slot, e);
      }
    }
  }
}
