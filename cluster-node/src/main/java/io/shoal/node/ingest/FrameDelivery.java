package io.shoal.node.ingest;

import io.shoal.protocol.pen.PenProtocol.FrameDeferred;
import io.shoal.protocol.pen.PenProtocol.FrameOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContext;

/**
 * Delivers one frame through the {@link PenGateway} until a pen settles it ({@code FrameAccepted} or
 * {@code FrameRejected}). A {@code FrameDeferred} or a failed delivery (ask timeout, pen unreachable) is sent again
 * after a bounded exponential backoff; the frame is never skipped. After {@code maxRetries} redeliveries the result
 * fails with {@link FrameNotDeliveredException}, which fails (and restarts) the stream.
 *
 * <p>The pause is a scheduler timer, not a sleeping thread, and the frame's partition keeps its in-flight slot while it
 * waits: a saturated pen thus slows its partition's consumption instead of piling frames up anywhere.
 *
 * <p>The retries belong to the stream generation that asked for the delivery. Once its {@link Cancellation} is set
 * (that generation terminated: a failure the stream restarts from, or the ingestion stopping for good), no further
 * delivery is made and the result fails with a {@link CancellationException}: nobody consumes it, and the next
 * generation delivers the frame again from the last committed offset. Without that, every restart would leave up to
 * {@code max-partitions x in-flight-per-partition} retry loops behind, each running until its retries ran out.
 */
final class FrameDelivery {

  private static final Logger log = LoggerFactory.getLogger(FrameDelivery.class);

  private final PenGateway gateway;
  private final Backoff backoff;
  private final int maxRetries;
  private final Scheduler scheduler;
  private final ExecutionContext executor;
  private final IngestMetrics metrics;

  FrameDelivery(PenGateway gateway, Backoff backoff, int maxRetries, Scheduler scheduler, ExecutionContext executor,
      IngestMetrics metrics) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.maxRetries = maxRetries;
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Completes with the pen's {@code FrameAccepted} or {@code FrameRejected}, never with {@code FrameDeferred}; fails
   * with a {@link CancellationException} once {@code generation} is cancelled while the frame is not settled.
   */
  CompletionStage<FrameOutcome> deliver(FrameRecord frame, Cancellation generation) {
    Objects.requireNonNull(generation, "generation");
    CompletableFuture<FrameOutcome> settled = new CompletableFuture<>();
    attempt(frame, 0, settled, generation);
    return settled;
  }

  private void attempt(FrameRecord frame, int retry, CompletableFuture<FrameOutcome> settled,
      Cancellation generation) {
    // Checked here too, not only before scheduling: the generation may end while the retry's timer runs.
    if (generation.isCancelled()) {
      abandon(frame, retry, settled);
      return;
    }
    if (retry > 0) {
      metrics.deliveryRetried();
    }
    metrics.deliveryStarted();
    CompletionStage<FrameOutcome> answer;
    try {
      answer = Objects.requireNonNull(gateway.deliver(frame), "the pen gateway returned no answer stage");
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((outcome, error) -> {
      metrics.deliveryEnded();
      String problem;
      if (error != null) {
        metrics.deliveryFailed();
        problem = (error instanceof CompletionException && error.getCause() != null ? error.getCause() : error)
            .toString();
      } else if (outcome instanceof FrameDeferred deferred) {
        metrics.frameDeferred();
        problem = "deferred: " + deferred.reason();
      } else if (outcome == null) {
        metrics.deliveryFailed();
        problem = "the pen answered null";
      } else {
        settled.complete(outcome);
        return;
      }
      if (generation.isCancelled()) {
        abandon(frame, retry + 1, settled);
        return;
      }
      if (retry >= maxRetries) {
        settled.completeExceptionally(new FrameNotDeliveredException(frame, retry + 1, problem, error));
        return;
      }
      Duration pause = backoff.delay(retry + 1);
      // Deferrals are the pens' ordinary backpressure; failures (timeouts) are worth an operator's eye.
      if (error != null) {
        try (var mdc = IngestMdc.frame(frame)) {
          log.warn("Frame {} of pen {} (partition {}, offset {}) not answered ({}); delivering it again in {} ms",
              frame.frameId(), frame.penId(), frame.partition(), frame.offset(), problem, pause.toMillis());
        }
      } else if (log.isDebugEnabled()) {
        try (var mdc = IngestMdc.frame(frame)) {
          log.debug("Frame {} of pen {} {}; delivering it again in {} ms", frame.frameId(), frame.penId(), problem,
              pause.toMillis());
        }
      }
      try {
        scheduler.scheduleOnce(pause, () -> attempt(frame, retry + 1, settled, generation), executor);
      } catch (IllegalStateException e) {
        // The actor system is terminating: there is nobody left to deliver to.
        settled.completeExceptionally(e);
      }
    });
  }

  private static void abandon(FrameRecord frame, int deliveries, CompletableFuture<FrameOutcome> settled) {
    if (log.isDebugEnabled()) {
      try (var mdc = IngestMdc.frame(frame)) {
        log.debug("Frame {} of pen {} (partition {}, offset {}) not delivered again after {} deliveries: its stream "
            + "ended", frame.frameId(), frame.penId(), frame.partition(), frame.offset(), deliveries);
      }
    }
    settled.completeExceptionally(new CancellationException("frame " + frame.frameId() + " of pen " + frame.penId()
        + " (partition " + frame.partition() + ", offset " + frame.offset() + "): the stream that delivered it ended"
        + " after " + deliveries + " deliveries"));
  }
}
