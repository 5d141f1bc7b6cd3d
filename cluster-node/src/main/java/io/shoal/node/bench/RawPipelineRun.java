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
 * What the actors do, without actors: JPEG bytes in, each batch decoded on a plain thread pool the size of the
 * preprocess dispatcher, then run through the model. A straight loop: a batch's decoding and the previous batch's
 * model run do not overlap (the actors' pipelining may), which is what "no actors" costs.
 */
final class RawPipelineRun {

  private final OnnxModel model;
  private final ImagePreprocessor preprocessor;
  private final List<byte[]> frames;
  private final ExecutorService preprocessThreads;
  private final ExecutorService modelThreads;
  private final int workers;
  /** One batch buffer per model thread, as each inference worker has its own. */
  private final FloatBuffer[] buffers;

  RawPipelineRun(OnnxModel model, ImagePreprocessor preprocessor, List<byte[]> frames,
      ExecutorService preprocessThreads, ExecutorService modelThreads, int workers, int largestBatch) {
    this.model = model;
    this.preprocessor = preprocessor;
    this.frames = frames;
    this.preprocessThreads = preprocessThreads;
    this.modelThreads = modelThreads;
    this.workers = workers;
    this.buffers = new FloatBuffer[workers];
    for (int w = 0; w < workers; w++) {
      buffers[w] = model.allocateBatch(largestBatch);
    }
  }

  /** Decodes and classifies about {@code images} frames in batches of {@code batchSize}. */
  Timed pass(int batchSize, int images) throws InterruptedException {
    int batches = BatchLoop.batchesFor(images, batchSize);
    return BatchLoop.run(modelThreads, workers, batches, batchSize, (index, worker) -> {
      FloatBuffer buffer = buffers[worker];
      List<Future<?>> decoded = new ArrayList<>(batchSize);
      for (int slot = 0; slot < batchSize; slot++) {
        byte[] jpeg = frames.get(index * batchSize + slot);
        int target = slot;
        decoded.add(preprocessThreads.submit(() -> preprocessor.preprocessInto(jpeg, buffer, target)));
      }
      try {
        for (Future<?> f : decoded) {
          f.get();
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException("preprocessing a benchmark frame failed", e.getCause());
      }
      model.classify(buffer, batchSize);
    });
  }
}
