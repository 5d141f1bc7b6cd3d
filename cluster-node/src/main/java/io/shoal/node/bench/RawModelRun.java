package io.shoal.node.bench;

import io.shoal.node.inference.ImagePreprocessor;
import io.shoal.node.inference.OnnxModel;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The model alone: every frame is preprocessed once, up front, into one direct native-order buffer, and each batch
 * is a zero-copy slice of it, so a pass measures {@link OnnxModel#classify} and nothing else.
 */
final class RawModelRun {

  private final OnnxModel model;
  private final ExecutorService modelThreads;
  private final int workers;
  private final FloatBuffer inputs;
  private final int floatsPerImage;

  private RawModelRun(OnnxModel model, ExecutorService modelThreads, int workers, FloatBuffer inputs) {
    this.model = model;
    this.modelThreads = modelThreads;
    this.workers = workers;
    this.inputs = inputs;
    this.floatsPerImage = model.floatsPerImage();
  }

  /** Preprocesses all frames on {@code preprocessThreads} (not timed). */
  static RawModelRun prepare(OnnxModel model, ImagePreprocessor preprocessor, List<byte[]> frames,
      ExecutorService preprocessThreads, ExecutorService modelThreads, int workers) throws InterruptedException {
    FloatBuffer inputs = model.allocateBatch(frames.size());
    List<Future<?>> done = new ArrayList<>(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      int slot = i;
      done.add(preprocessThreads.submit(() -> preprocessor.preprocessInto(frames.get(slot), inputs, slot)));
    }
    try {
      for (Future<?> f : done) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("preprocessing a benchmark frame failed", e.getCause());
    }
    return new RawModelRun(model, modelThreads, workers, inputs);
  }

  /** Classifies about {@code images} frames in batches of {@code batchSize}. */
  Timed pass(int batchSize, int images) throws InterruptedException {
    return BatchLoop.run(modelThreads, workers, BatchLoop.batchesFor(images, batchSize), batchSize,
        (index, worker) -> model.classify(
            inputs.slice(index * batchSize * floatsPerImage, batchSize * floatsPerImage), batchSize));
  }
}
