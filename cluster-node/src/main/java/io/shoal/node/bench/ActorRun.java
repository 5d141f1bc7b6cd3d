package io.shoal.node.bench;

import io.shoal.node.inference.BatchStats;
import io.shoal.node.inference.InferenceService;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.inference.OnnxModel;
import io.shoal.protocol.inference.InferenceProtocol.Command;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/** The real inference pool (settings and dispatchers from config), one per batch size, driven by a {@link LoadFeeder}. */
final class ActorRun {

  /** A pass never legitimately takes this long; failing beats hanging the benchmark. */
  private static final long PASS_TIMEOUT_MINUTES = 5;

  /** A started pool and the listener counting its batches. */
  record Pool(int batchSize, ActorRef<Command> ref, BatchStats stats) {}

  private final ActorSystem<?> system;
  private final InferenceSettings settings;
  private final OnnxModel model;
  private final int window;
  private int feeders;

  ActorRun(ActorSystem<?> system, InferenceSettings settings, OnnxModel model, int window) {
    this.system = system;
    this.settings = settings;
    this.model = model;
    this.window = window;
  }

  /** The configured pool, except max-batch-size, the benchmark's delay, and room for the whole window. */
  Pool start(int batchSize, Duration maxBatchDelay) {
    int queueCapacity = Math.max(batchSize, window);
    InferenceSettings batched = settings.withBatching(
        new InferenceSettings.Batching(batchSize, maxBatchDelay, queueCapacity));
    BatchStats stats = new BatchStats(batchSize);
    ActorRef<Command> ref = InferenceService.start(system, "bench-inference-b" + batchSize, batched, model, stats);
    return new Pool(batchSize, ref, stats);
  }

  /** A pass through the pool and how many sends were answered Overloaded (and retried). */
  record Pass(Timed timed, int overloaded) {}

  /** Pushes {@code images} through the pool; returns once the last reply is in. */
  Pass pass(Pool pool, List<byte[]> images) throws InterruptedException {
    CompletableFuture<LoadFeeder.Result> done = new CompletableFuture<>();
    long cpu = Timed.processCpuNanos();
    system.systemActorOf(LoadFeeder.create(pool.ref(), images, window, done), "bench-feeder-" + (++feeders),
        Props.empty());
    LoadFeeder.Result result;
    try {
      result = done.get(PASS_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("actor pass at batch " + pool.batchSize() + " did not finish", e);
    }
    long cpuNanos = Timed.processCpuNanos() - cpu;
    if (result.failed() > 0) {
      // Expired or Failed: the images are fine and there is no deadline, so this is a bug worth stopping for.
      throw new IllegalStateException(result.failed() + " benchmark requests at batch " + pool.batchSize()
          + " were answered Expired/Failed");
    }
    return new Pass(new Timed(result.classified(), result.nanos(), cpuNanos), result.overloaded());
  }
}
