package io.shoal.node.bench;

import com.typesafe.config.Config;
import io.shoal.node.inference.BatchModel;
import io.shoal.node.inference.BatchStats;
import io.shoal.node.inference.InferenceService;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.protocol.inference.InferenceProtocol.Command;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.ActorInitializationException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The real inference pool (settings and dispatchers from config) at one batch size, driven by a {@link LoadFeeder},
 * in an actor system of its own whose guardian spawns the pool; {@link #close} terminates the system.
 */
final class ActorRun implements AutoCloseable {

  /** Every benchmark actor system's name starts with this (then {@code -b} and the batch size). */
  static final String SYSTEM_NAME = "shoal-bench";
  /** Pause before a request answered Overloaded is sent again: short, so a full queue costs little throughput. */
  private static final Duration OVERLOADED_RETRY_PAUSE = Duration.ofMillis(1);
  /** Longest the actor system may take to terminate after the passes (normally well under a second). */
  private static final Duration TERMINATE_TIMEOUT = Duration.ofSeconds(30);

  /** Asks the guardian for one pass: a feeder pushing {@code images} through the pool. */
  private record Feed(List<byte[]> images, CompletableFuture<LoadFeeder.Result> done) {}

  /** A pass through the pool and how many sends were answered Overloaded (and retried). */
  record Pass(Timed timed, int overloaded) {}

  private final int batchSize;
  private final int inFlight;
  private final BatchStats stats;
  /** Fails, with the cause, once the pool has failed or stopped, so that a pass waiting for it fails at once. */
  private final CompletableFuture<LoadFeeder.Result> poolDown = new CompletableFuture<>();
  private final ActorSystem<Feed> system;

  /**
   * Starts an actor system from {@code config} (Pekko settings and the inference dispatchers) running the configured
   * pool, except max-batch-size, the benchmark's delay, and room for all requests in flight.
   */
  ActorRun(Config config, InferenceSettings settings, BatchModel model, BenchSettings bench, int batchSize) {
    this.batchSize = batchSize;
    this.inFlight = bench.inFlight();
    this.stats = new BatchStats(batchSize);
    InferenceSettings batched = settings.withBatching(new InferenceSettings.Batching(batchSize,
        bench.maxBatchDelay(), Math.max(batchSize, bench.inFlight())));
    this.system = ActorSystem.create(guardian(InferenceService.create(batched, model, stats)),
        SYSTEM_NAME + "-b" + batchSize, config);
  }

  /** Counts the pool's batches. */
  BatchStats stats() {
    return stats;
  }

  /** Pushes {@code images} through the pool; returns once the last reply is in. */
  Pass pass(List<byte[]> images) throws InterruptedException {
    CompletableFuture<LoadFeeder.Result> done = new CompletableFuture<>();
    long cpu = Timed.processCpuNanos();
    system.tell(new Feed(images, done));
    LoadFeeder.Result result = Await.within(done.applyToEither(poolDown, r -> r), Await.PASS_TIMEOUT,
        "actor pass at batch " + batchSize);
    long cpuNanos = Timed.processCpuNanos() - cpu;
    if (result.failed() > 0) {
      // Expired or Failed: the images are fine and there is no deadline, so this is a bug worth stopping for.
      throw new IllegalStateException(result.failed() + " benchmark requests at batch " + batchSize
          + " were answered Expired/Undecodable/Failed");
    }
    return new Pass(new Timed(result.classified(), result.nanos(), cpuNanos), result.overloaded());
  }

  /** Terminates the actor system (pool included) and waits until it has. */
  @Override
  public void close() throws InterruptedException {
    system.terminate();
    Await.within(system.getWhenTerminated().toCompletableFuture(), TERMINATE_TIMEOUT,
        "terminating actor system " + system.name());
  }

  /** Spawns and watches the pool, and a feeder per pass; the pool failing or stopping stops the system. */
  private Behavior<Feed> guardian(Behavior<Command> poolBehavior) {
    return Behaviors.setup(ctx -> {
      ActorRef<Command> pool = ctx.spawn(poolBehavior, "pool");
      ctx.watch(pool);
      int[] feeders = {0};
      return Behaviors.receive(Feed.class)
          .onMessage(Feed.class, feed -> {
            ctx.spawn(LoadFeeder.create(pool, feed.images(), inFlight, OVERLOADED_RETRY_PAUSE, feed.done()),
                "feeder-" + ++feeders[0]);
            return Behaviors.same();
          })
          .onSignal(ChildFailed.class, failed -> {
            // A failure while the pool starts comes wrapped; the model's or config's own exception says more.
            Throwable cause = failed.cause();
            poolDown.completeExceptionally(
                cause instanceof ActorInitializationException && cause.getCause() != null ? cause.getCause() : cause);
            return Behaviors.stopped();
          })
          .onSignal(Terminated.class, stopped -> {
            poolDown.completeExceptionally(new IllegalStateException("the inference pool stopped"));
            return Behaviors.stopped();
          })
          .onSignal(PostStop.class, stop -> {
            poolDown.completeExceptionally(new IllegalStateException("actor system " + SYSTEM_NAME + "-b"
                + batchSize + " stopped"));
            return Behaviors.same();
          })
          .build();
    });
  }
}
