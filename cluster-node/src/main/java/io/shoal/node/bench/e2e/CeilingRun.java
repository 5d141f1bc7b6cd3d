package io.shoal.node.bench.e2e;

import io.shoal.node.bench.BatchDecoder;
import io.shoal.node.bench.BatchLoop;
import io.shoal.node.bench.PreprocessCost;
import io.shoal.node.bench.RawModelRun;
import io.shoal.node.bench.RawPipelineRun;
import io.shoal.node.bench.Samples;
import io.shoal.node.bench.Timed;
import io.shoal.node.inference.ImagePreprocessor;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.inference.OnnxModel;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * The ceiling: what this machine's cores do with the node's inference settings and nothing else. The same frames
 * are decoded on a plain pool of the preprocess dispatcher's size and classified on {@code workers} model threads at
 * the node's max-batch-size, with the io.shoal.node.bench loops (no actors, no Kafka, no database).
 */
final class CeilingRun {

  /** Images per second of each path (median pass) and the single-thread preprocessing cost. */
  record Result(int batchSize, int workers, int preprocessThreads, int intraOpThreads, String provider, int frames,
      int repetitions, double decodeFps, double inferFps, double straightFps, double pipelinedFps,
      double cpuMsPerFrame, PreprocessCost preprocess, long nanos) {

    /** The best the node could do: the faster way round (overlapping decoding with model runs, or not). */
    double ceilingFps() {
      return Math.max(straightFps, pipelinedFps);
    }
  }

  private CeilingRun() {}

  static Result measure(InferenceSettings inference, int preprocessThreads, List<byte[]> distinct,
      E2eSettings.Ceiling settings, Progress progress) throws Exception {
    long started = System.nanoTime();
    int batch = inference.batching().maxBatchSize();
    int workers = inference.workers();
    List<byte[]> frames = cycled(distinct, Math.max(settings.frames(), batch));
    ExecutorService preprocessPool = Executors.newFixedThreadPool(preprocessThreads, new NamedThreads("ceiling-preprocess"));
    ExecutorService modelPool = Executors.newFixedThreadPool(workers, new NamedThreads("ceiling-model"));
    try (OnnxModel model = OnnxModel.open(inference)) {
      ImagePreprocessor preprocessor = new ImagePreprocessor(model.manifest().input(), inference.preprocessing());
      progress.say("ceiling: preprocessing cost on one thread");
      PreprocessCost cost = PreprocessCost.measure(preprocessor, distinct, Math.min(settings.warmUp(), distinct.size()));
      BatchDecoder decoder = new BatchDecoder(preprocessor, preprocessPool);
      FloatBuffer[] decodeBuffers = new FloatBuffer[workers];
      for (int w = 0; w < workers; w++) {
        decodeBuffers[w] = model.allocateBatch(batch);
      }
      int batches = BatchLoop.batchesFor(frames.size(), batch);
      IntFunction<Timed> decodeOnly = n -> timed(() -> BatchLoop.run(modelPool, workers,
          BatchLoop.batchesFor(n, batch), (index, worker) -> {
            decoder.decode(frames, index * batch, batch, decodeBuffers[worker]);
            return batch;
          }));
      RawModelRun modelOnly = RawModelRun.prepare(model, decoder, frames.subList(0, batches * batch), modelPool,
          workers);
      RawPipelineRun pipeline = new RawPipelineRun(model, decoder, frames, modelPool, workers, batch);
      if (settings.warmUp() > 0) {
        progress.say("ceiling: warm-up, %d images per path", settings.warmUp());
        decodeOnly.apply(settings.warmUp());
        modelOnly.pass(batch, settings.warmUp());
        pipeline.pass(batch, settings.warmUp());
        pipeline.pipelinedPass(batch, settings.warmUp());
      }
      double[] decode = new double[settings.repetitions()];
      double[] infer = new double[settings.repetitions()];
      double[] straight = new double[settings.repetitions()];
      double[] pipelined = new double[settings.repetitions()];
      double[] straightCpu = new double[settings.repetitions()];
      double[] pipelinedCpu = new double[settings.repetitions()];
      // The paths alternate, so a neighbour slowing the machine for a while hits each of them.
      for (int r = 0; r < settings.repetitions(); r++) {
        decode[r] = decodeOnly.apply(frames.size()).imagesPerSecond();
        infer[r] = modelOnly.pass(batch, frames.size()).imagesPerSecond();
        Timed straightPass = pipeline.pass(batch, frames.size());
        Timed pipelinedPass = pipeline.pipelinedPass(batch, frames.size());
        straight[r] = straightPass.imagesPerSecond();
        straightCpu[r] = straightPass.cpuMsPerImage();
        pipelined[r] = pipelinedPass.imagesPerSecond();
        pipelinedCpu[r] = pipelinedPass.cpuMsPerImage();
        progress.say("ceiling pass %d: decode %.1f/s, inference %.1f/s, decode+inference %.1f/s (overlapped %.1f/s)",
            r + 1, decode[r], infer[r], straight[r], pipelined[r]);
      }
      return new Result(batch, workers, preprocessThreads, inference.onnx().intraOpThreads(),
          model.executionProvider(), batches * batch, settings.repetitions(), Samples.median(decode),
          Samples.median(infer), Samples.median(straight), Samples.median(pipelined),
          Samples.median(Samples.median(straight) >= Samples.median(pipelined) ? straightCpu : pipelinedCpu), cost,
          System.nanoTime() - started);
    } finally {
      preprocessPool.shutdownNow();
      modelPool.shutdownNow();
    }
  }

  /** {@code count} frames: the distinct ones over and over. */
  static List<byte[]> cycled(List<byte[]> distinct, int count) {
    List<byte[]> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      frames.add(distinct.get(i % distinct.size()));
    }
    return frames;
  }

  private interface TimedPass {
    Timed run() throws InterruptedException;
  }

  private static Timed timed(TimedPass pass) {
    try {
      return pass.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
