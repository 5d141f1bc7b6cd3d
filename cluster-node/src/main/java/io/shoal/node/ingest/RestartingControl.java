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
 * failure: it always acts on the consumer running now. Once stopped it stays stopped: a restart due later starts as an
 * empty source, so a draining shutdown cannot be overtaken by a fresh consumer; and a stop while no consumer runs
 * (between a failure and its restart) ends the whole stream at once instead of after the restart backoff.
 */
final class RestartingControl implements Consumer.Control {

  private final Object lock = new Object();
  private final CompletableFuture<Done> shutDown = new CompletableFuture<>();
  private Consumer.Control current = Consumer.createNoopControl();
  private boolean running;
  private boolean stopping;
  private Runnable endWhileIdle = () -> {};

  /** What ends the whole stream (around the restarts) when it is stopped while no consumer runs. */
  void onStopWhileIdle(Runnable endStream) {
    boolean endNow;
    synchronized (lock) {
      endWhileIdle = endStream;
      endNow = stopping && !running;
    }
    if (endNow) {
      endStream.run();
    }
  }

  /** {@code source}, reporting its control here when it runs; an empty source once this control was stopped. */
  <T> Source<T, ?> attach(Source<T, Consumer.Control> source) {
    synchronized (lock) {
      if (stopping) {
        return Source.empty();
      }
    }
    return source
        .mapMaterializedValue(control -> {
          boolean stopNow;
          synchronized (lock) {
            current = control;
            running = true;
            stopNow = stopping;
          }
          if (stopNow) {
            // stop() ran between the check above and this materialization.
            control.stop();
          }
          return control;
        })
        .watchTermination((control, terminated) -> {
          terminated.whenComplete((done, error) -> {
            synchronized (lock) {
              // A late notice of an earlier run must not mark the one running now as gone.
              if (current == control) {
                running = false;
              }
            }
          });
          return control;
        });
  }

  /** Stops emitting records (in-flight ones finish and get committed); the Kafka consumer stays for their commits. */
  @Override
  public CompletionStage<Done> stop() {
    Consumer.Control control;
    Runnable endNow = null;
    synchronized (lock) {
      stopping = true;
      control = current;
      if (!running) {
        endNow = endWhileIdle;
      }
    }
    if (endNow != null) {
      endNow.run();
    }
    return control.stop();
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
