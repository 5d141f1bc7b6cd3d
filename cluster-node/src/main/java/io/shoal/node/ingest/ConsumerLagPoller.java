package io.shoal.node.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContext;

/**
 * Asks for the group's lag ({@link ConsumerLag#perPartition()}) every {@code every} and hands the figures to {@code sink}. The timer's
 * task only starts the Admin calls (it never waits on them); while one poll is still outstanding the next tick is
 * skipped, so a slow or unreachable broker never piles calls up. A failed poll leaves the last figures in place and
 * is logged once (warning) until a poll succeeds again; the failures in between go to debug.
 */
final class ConsumerLagPoller {

  private static final Logger log = LoggerFactory.getLogger(ConsumerLagPoller.class);

  private final Supplier<CompletionStage<Map<TopicPartition, Long>>> lag;
  private final Consumer<Map<TopicPartition, Long>> sink;
  private final AtomicBoolean outstanding = new AtomicBoolean();
  private final Object lock = new Object();
  private Cancellable timer;
  private long failuresInARow;
  private boolean stopped;

  /** @param lag starts one poll; never blocks (e.g. {@code consumerLag::perPartition}) */
  ConsumerLagPoller(Supplier<CompletionStage<Map<TopicPartition, Long>>> lag,
      Consumer<Map<TopicPartition, Long>> sink) {
    this.lag = lag;
    this.sink = sink;
  }

  /** Polls every {@code every} from now on; {@code executor} runs the (non-blocking) ticks. */
  void start(Scheduler scheduler, Duration every, ExecutionContext executor) {
    synchronized (lock) {
      if (!stopped) {
        timer = scheduler.scheduleWithFixedDelay(Duration.ZERO, every, this::poll, executor);
      }
    }
  }

  /** One poll now, unless one is still outstanding. Package-private for tests. */
  void poll() {
    if (!outstanding.compareAndSet(false, true)) {
      log.debug("Consumer lag poll skipped: the previous one has not answered yet");
      return;
    }
    lag.get().whenComplete((figures, error) -> {
      try {
        if (error == null) {
          succeeded(figures);
        } else {
          failed(error);
        }
      } finally {
        outstanding.set(false);
      }
    });
  }

  private void succeeded(Map<TopicPartition, Long> figures) {
    long failed;
    synchronized (lock) {
      if (stopped) {
        return;
      }
      failed = failuresInARow;
      failuresInARow = 0;
      sink.accept(figures);
    }
    if (failed > 0) {
      log.info("Consumer lag readable again after {} failed polls", failed);
    }
  }

  private void failed(Throwable error) {
    long failures;
    synchronized (lock) {
      failures = ++failuresInARow;
    }
    if (failures == 1) {
      log.warn("Consumer lag could not be read; the lag gauges keep their last values until it can ({})",
          error.toString());
    } else {
      log.debug("Consumer lag still unreadable ({} polls in a row)", failures, error);
    }
  }

  /** Stops polling; a poll still outstanding is dropped when it answers. Idempotent. */
  void stop() {
    synchronized (lock) {
      stopped = true;
      if (timer != null) {
        timer.cancel();
      }
    }
  }
}
