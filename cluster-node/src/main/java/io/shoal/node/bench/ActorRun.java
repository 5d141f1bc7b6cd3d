package io.shoal.node.bench;

import com.typesafe.config.Config;
import io.shoal.node.inference.BatchStats;
import io.shoal.node.inference.InferenceService;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.inference.OnnxModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The real inference pool (settings and dispatchers from config), one per batch size, driven by a
 * {@link LoadFeeder}, in an actor system of the benchmark's own.
 */
final class ActorRun implements AutoCloseable {

  /** A started pool and the listener counting its batches; closing it stops the pool and waits until it has. */
  record Pool(int batchSize, HostedPool hosted, BatchStats stats) implements AutoCloseable {
    @Override
    public void close() {
      hosted.close();
    }
  }

  private final ActorSystem<Void> system;
  private final InferenceSettings settings;
  private final OnnxModel model;
  private final BenchSettings bench;
  private int feeders;

  /** Starts an actor system from {@code config} (Pekko settings and the inference dispatchers); close stops it. */
  ActorRun(Config config, InferenceSettings settings, OnnxModel model, BenchSettings bench) {
    this.system = ActorSystem.create(Behaviors.empty(), "shoal-bench", config);
    this.settings = settings;
    this.model = model;
    this.bench = bench;
  }

  /** The configured pool, except max-batch-size, the benchmark's delay, and room for all requests in flight. */
  Pool start(int batchSize) throws InterruptedException {
    int queueCapacity = Math.max(batchSize, bench.inFlight());
    InferenceSettings batched = settings.withBatching(
        new InferenceSettings.Batching(batchSize, bench.maxBatchDelay(), queueCapacity));
    BatchStats stats = new BatchStats(batchSize);
    HostedPool hosted = HostedPool.start(system, "bench-inference-b" + batchSize,
        InferenceService.create(batched, model, stats), bench.timing().startStopTimeout());
    return new Pool(batchSize, hosted, stats);
  }

  /** A pass through the pool and how many sends were answered Overloaded (and retried). */
  record Pass(Timed timed, int overloaded) {}

  /** Pushes {@code images} through the pool; returns once the last reply is in. */
  Pass pass(Pool pool, List<byte[]> images) throws InterruptedException {
    CompletableFuture<LoadFeeder.Result> done = new CompletableFuture<>();
    long cpu = Timed.processCpuNanos();
    system.systemActorOf(LoadFeeder.create(pool.hosted().ref(), images, bench.inFlight(),
        bench.timing().overloadedRetryPause(), done), "bench-feeder-" + (++feeders), Props.empty());
    LoadFeeder.Result result = Await.within(done, bench.timing().passTimeout(),
        "actor pass at batch " + pool.batchSize());
    long cpuNanos = Timed.processCpuNanos() - cpu;
    if (result.failed() > 0) {
      // Expired or Failed: the images are fine and there is no deadline, so this is a bug worth stopping for.
      throw new IllegalStateException(result.failed() + " benchmark requests at batch " + pool.batchSize()
          + " were answered Expired/Failed");
    }
    return new Pass(new Timed(result.classified(), result.nanos(), cpuNanos), result.overloaded());
  }

  /** Terminates the actor system (and any pool still running) and waits until it has. */
  @Override
  public void close() {
    system.terminate();
    Await.closing(system.getWhenTerminated().toCompletableFuture(), bench.timing().startStopTimeout(),
        "terminating the benchmark's actor system");
  }
}
