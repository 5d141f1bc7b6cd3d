package io.shoal.node.simulator;

import io.shoal.node.ingest.FrameRecords;
import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.RenderedFrame;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders planned frames on its own pool and sends them to Kafka, holding at most {@code maxUnsent} frames between
 * being taken and being acknowledged. A frame offered while that many are on their way is skipped, as a camera on a
 * congested uplink drops frames: when Kafka is slow the simulator falls behind instead of buffering without bound.
 */
final class FramePublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FramePublisher.class);

  private final FrameRenderer renderer;
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final int maxUnsent;
  private final Duration closeTimeout;
  private final PublishCounters counters;
  /** One permit per frame taken but not yet acknowledged (queued, rendering, or in the producer). */
  private final Semaphore unsent;
  private final ThreadPoolExecutor renderPool;
  private final AtomicBoolean behindLogged = new AtomicBoolean();
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  FramePublisher(FrameRenderer renderer, Producer<byte[], byte[]> producer, String topic, int renderThreads,
      int maxUnsent, Duration closeTimeout, PublishCounters counters) {
    this.renderer = renderer;
    this.producer = producer;
    this.topic = topic;
    this.maxUnsent = maxUnsent;
    this.closeTimeout = closeTimeout;
    this.counters = counters;
    this.unsent = new Semaphore(maxUnsent);
    // The permits already bound the queue; sizing it the same means a permitted frame is never rejected.
    this.renderPool = new ThreadPoolExecutor(renderThreads, renderThreads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(maxUnsent), new DaemonThreads("shoal-sim-render"));
  }

  /**
   * Takes {@code frame} to render and send, unless {@code maxUnsent} frames are still on their way. Never blocks, so
   * the cameras' clock keeps time whatever Kafka does.
   *
   * @return whether the frame was taken (false: skipped, and counted)
   */
  boolean offer(PlannedFrame frame, String frameId, long capturedAtMillis) {
    if (!unsent.tryAcquire()) {
      counters.skipped();
      if (behindLogged.compareAndSet(false, true)) {
        log.warn("Camera simulator falling behind: {} frames are rendered or rendering but not yet acknowledged by "
            + "Kafka; frames are skipped until Kafka catches up (logged once, counted in the final summary)",
            maxUnsent);
      }
      return false;
    }
    Completion completion = new Completion(frame.camera().penId(), frameId);
    try {
      renderPool.execute(() -> renderAndSend(frame, frameId, capturedAtMillis, completion));
      return true;
    } catch (RejectedExecutionException e) {
      // Only after close() began: the frame is simply not taken.
      unsent.release();
      counters.skipped();
      return false;
    }
  }

  SimulatorStats stats() {
    return counters.snapshot();
  }

  /** Renders and sends what was taken, waits for Kafka to acknowledge it, and closes the producer. */
  @Override
  public void close() {
    renderPool.shutdown();
    try {
      if (!renderPool.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Camera simulator: frames still rendering after {}; abandoning them", closeTimeout);
        renderPool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      renderPool.shutdownNow();
    }
    // close() flushes: every send issued above is acknowledged or failed (its callback run) before it returns.
    producer.close(Thread.currentThread().isInterrupted() ? Duration.ZERO : closeTimeout);
  }

  private void renderAndSend(PlannedFrame frame, String frameId, long capturedAtMillis, Completion completion) {
    try {
      RenderedFrame rendered = renderer.render(frame.seed(), frame.truth());
      ProducerRecord<byte[], byte[]> record = FrameRecords.toProducerRecord(topic, frame.camera().penId(),
          frame.camera().cameraId(), frameId, capturedAtMillis, rendered.jpeg());
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          completion.published();
        } else {
          completion.failed(error);
        }
      });
    } catch (RuntimeException e) {
      completion.failed(e);
    }
  }

  /**
   * Counts a frame's outcome and returns its permit exactly once, however the producer reports it (a callback, a
   * thrown exception, or, in some failure paths, both).
   */
  private final class Completion {
    private final String penId;
    private final String frameId;
    private final AtomicBoolean done = new AtomicBoolean();

    Completion(String penId, String frameId) {
      this.penId = penId;
      this.frameId = frameId;
    }

    void published() {
      if (done.compareAndSet(false, true)) {
        counters.published(penId);
        unsent.release();
      }
    }

    void failed(Throwable error) {
      if (done.compareAndSet(false, true)) {
        counters.failed();
        unsent.release();
        if (failureLogged.compareAndSet(false, true)) {
          log.warn("Camera simulator could not publish frame {} (further failures are only counted): {}", frameId,
              error.toString());
        }
      }
    }
  }
}
