package io.shoal.node.bench;

import com.typesafe.config.Config;
import io.shoal.node.inference.BatchStats;
import io.shoal.node.inference.ImagePreprocessor;
import io.shoal.node.inference.InferenceService;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.inference.OnnxModel;
import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.FrameSet;
import io.shoal.node.render.LabelMix;
import io.shoal.node.render.RenderedFrame;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code shoal bench-inference}: how much of raw ONNX Runtime's throughput the inference actors keep. Measures, on
 * the same rendered frames and with the thread counts of {@code shoal.inference}: preprocessing per frame, the model
 * alone, a no-actor decode-then-classify loop (without and with decoding overlapping model runs), and the actor
 * pool; prints a {@link BenchReport}.
 */
public final class InferenceBenchmark {

  private static final String PREPROCESS_THREADS =
      InferenceService.PREPROCESS_DISPATCHER + ".thread-pool-executor.fixed-pool-size";

  private final Config config;
  private final BenchSettings bench;
  private final InferenceSettings inference;
  private final int preprocessThreads;
  private final PrintStream progress;
  /** Images classified by every pass so far (warm-up included), and how many those passes were given. */
  private long classified;
  private long planned;

  private InferenceBenchmark(Config config, PrintStream progress) {
    this.config = config;
    this.bench = BenchSettings.fromConfig(config);
    this.inference = InferenceSettings.fromConfig(config);
    this.preprocessThreads = config.getInt(PREPROCESS_THREADS);
    this.progress = progress;
  }

  /**
   * @param config   resolved root config: {@code shoal.inference}, {@code shoal.bench.inference}, Pekko
   * @param progress where to say what is running (stderr), so stdout carries only the report
   */
  public static BenchReport run(Config config, PrintStream progress) throws Exception {
    return new InferenceBenchmark(config, progress).run();
  }

  private BenchReport run() throws Exception {
    long started = System.nanoTime();
    try (OnnxModel model = OnnxModel.open(inference)) {
      ImagePreprocessor preprocessor = new ImagePreprocessor(model.manifest().input(), inference.preprocessing());
      say("rendering %d frames (not timed)", bench.frames());
      List<byte[]> frames = FrameSet.render(new FrameRenderer(), bench.seed(), bench.frames(), LabelMix.DATASET)
          .stream().map(RenderedFrame::jpeg).toList();
      say("preprocessing cost, 1 thread");
      PreprocessCost cost = PreprocessCost.measure(preprocessor, frames, bench.warmUp());
      ExecutorService preprocessPool = Executors.newFixedThreadPool(preprocessThreads, named("bench-preprocess"));
      ExecutorService modelPool = Executors.newFixedThreadPool(inference.workers(), named("bench-model"));
      try {
        BatchDecoder decoder = new BatchDecoder(preprocessor, preprocessPool);
        RawModelRun modelOnly = RawModelRun.prepare(model, decoder, frames, modelPool, inference.workers());
        List<Double> modelOnlyRates = new ArrayList<>();
        for (int batch : bench.batchSizes()) {
          say("model only, batch %d", batch);
          modelOnlyRates.add(modelOnly(modelOnly, batch));
        }
        RawPipelineRun pipeline = new RawPipelineRun(model, decoder, frames, modelPool, inference.workers(),
            bench.largestBatch());
        List<BenchReport.Row> rows = new ArrayList<>();
        for (int i = 0; i < bench.batchSizes().size(); i++) {
          rows.add(compareAt(bench.batchSizes().get(i), modelOnlyRates.get(i), model, frames, pipeline));
        }
        say("classified %d of %d planned images", classified, planned);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        BenchHeader header = new BenchHeader(inference, bench, preprocessThreads);
        return new BenchReport(header.lines(model, frames), cost, rows, header.legend(),
            List.of(String.format(Locale.ROOT, "benchmark took %d s (rendering included)", seconds)));
      } finally {
        preprocessPool.shutdownNow();
        modelPool.shutdownNow();
      }
    }
  }

  private double modelOnly(RawModelRun run, int batch) throws InterruptedException {
    if (bench.warmUp() > 0) counted(run.pass(batch, bench.warmUp()), BatchLoop.planned(bench.warmUp(), batch));
    double[] rates = new double[bench.repetitions()];
    for (int r = 0; r < rates.length; r++) {
      rates[r] = counted(run.pass(batch, bench.frames()), BatchLoop.planned(bench.frames(), batch))
          .imagesPerSecond();
    }
    return Samples.median(rates);
  }

  /**
   * The three decoding paths at one batch size, on a fresh pool (its own BatchStats, its own max-batch-size) in an
   * actor system of its own that is terminated afterwards. Their passes alternate, so a neighbour process slowing
   * the machine for a while (a training run on the same cores) hits every column rather than one.
   */
  private BenchReport.Row compareAt(int batch, double modelOnlyRate, OnnxModel model, List<byte[]> frames,
      RawPipelineRun pipeline) throws InterruptedException {
    say("raw pipeline vs raw pipelined vs actors, batch %d", batch);
    try (ActorRun actors = new ActorRun(config, inference, model, bench, batch)) {
      if (bench.warmUp() > 0) {
        long warmUpPlan = BatchLoop.planned(bench.warmUp(), batch);
        counted(pipeline.pass(batch, bench.warmUp()), warmUpPlan);
        counted(pipeline.pipelinedPass(batch, bench.warmUp()), warmUpPlan);
        counted(actors.pass(frames.subList(0, bench.warmUp())).timed(), bench.warmUp());
      }
      BatchStats.Snapshot before = actors.stats().snapshot();
      int reps = bench.repetitions();
      double[] raw = new double[reps];
      double[] rawCpu = new double[reps];
      double[] pipelined = new double[reps];
      double[] actor = new double[reps];
      double[] actorCpu = new double[reps];
      int overloaded = 0;
      for (int r = 0; r < reps; r++) {
        long plan = BatchLoop.planned(frames.size(), batch);
        Timed rawPass = counted(pipeline.pass(batch, frames.size()), plan);
        Timed pipelinedPass = counted(pipeline.pipelinedPass(batch, frames.size()), plan);
        ActorRun.Pass actorPass = actors.pass(frames);
        counted(actorPass.timed(), frames.size());
        raw[r] = rawPass.imagesPerSecond();
        rawCpu[r] = rawPass.cpuMsPerImage();
        pipelined[r] = pipelinedPass.imagesPerSecond();
        actor[r] = actorPass.timed().imagesPerSecond();
        actorCpu[r] = actorPass.timed().cpuMsPerImage();
        overloaded += actorPass.overloaded();
        say("  pass %d: raw pipeline %.1f img/s (%.2f cpu ms/img), raw pipelined %.1f img/s, actors %.1f img/s "
            + "(%.2f cpu ms/img)", r + 1, raw[r], rawCpu[r], pipelined[r], actor[r], actorCpu[r]);
      }
      // Batch sizes of the timed passes only: the warm-up's are left out.
      BatchStats.Snapshot after = actors.stats().snapshot();
      double meanBatch = (double) (after.images() - before.images()) / (after.batches() - before.batches());
      return new BenchReport.Row(batch, modelOnlyRate, Samples.median(raw), Samples.median(pipelined),
          Samples.median(actor), Samples.median(rawCpu), Samples.median(actorCpu), meanBatch, overloaded);
    }
  }

  /** Adds a pass's images to the run's tally, against the {@code plan} it was given. */
  private Timed counted(Timed pass, long plan) {
    classified += pass.images();
    planned += plan;
    return pass;
  }

  private void say(String format, Object... args) {
    progress.printf(Locale.ROOT, "bench-inference: " + format + "%n", args);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
