package io.shoal.node.ingest;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.pekko.Done;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.apache.pekko.stream.javadsl.Source;

/**
 * One {@link Consumer.Control} over a consumer source that a {@code RestartSource} materializes anew after each
 * failure: it always acts on the consumer running now. Once stopped it stays stopped, including a restart that was
 * waiting out its backoff at the time (it starts as an empty source), so a draining shutdown cannot be overtaken by a
 * fresh consumer.
 */
final class RestartingControl implements Consumer.Control {

  private final Object lock = new Object();
  private final CompletableFuture<Done> shutDown = new CompletableFuture<>();
  private Consumer.Control current = Consumer.createNoopControl();
  private boolean stopping;

  /** {@code source}, reporting its control here when it runs; an empty source once this control was stopped. */
  <T> Source<T, ?> attach(Source<T, Consumer.Control> source) {
    synchronized (lock) {
      if (stopping) {
        return Source.empty();
      }
    }
    return source.mapMaterializedValue(control -> {
      boolean stopNow;
      synchronized (lock) {
        current = control;
        stopNow = stopping;
      }
      if (stopNow) {
        // stop() ran between the check above and this materialization.
        control.stop();
      }
      return control;
    });
  }

  /** Stops emitting records (in-flight ones finish and get committed); the Kafka consumer stays for their commits. */
  @Override
  public CompletionStage<Done> stop() {
    return markStopping().stop();
  }

  /** Stops the Kafka consumer. */
  @Override
  public CompletionStage<Done> shutdown() {
    Consumer.Control control = markStopping();
    control.shutdown().whenComplete((done, error) -> shutDown.complete(Done.getInstance()));
    return shutDown;
  }

  /**
   * {@link #stop()}, then waits for {@code streamCompletion} (every record taken from Kafka handled and its offset
   * committed), then {@link #shutdown()}; completes like {@code streamCompletion}.
   */
  @Override
  public <T> CompletionStage<T> drainAndShutdown(CompletionStage<T> streamCompletion, Executor executor) {
    CompletableFuture<T> drained = new CompletableFuture<>();
    stop().handle((done, error) -> null)
        .thenCompose(ignored -> streamCompletion)
        .whenCompleteAsync((value, error) -> shutdown().whenComplete((done, shutdownError) -> {
          if (error != null) {
            drained.completeExceptionally(error);
          } else {
            drained.complete(value);
          }
        }), executor);
    return drained;
  }

  @Override
  public CompletionStage<Done> isShutdown() {
    return shutDown;
  }

  @Override
  public CompletionStage<Map<MetricName, Metric>> getMetrics() {
    synchronized (lock) {
      return current.getMetrics();
    }
  }

  private Consumer.Control markStopping() {
    synchronized (lock) {
      stopping = true;
      return current;
    }
  }
}
