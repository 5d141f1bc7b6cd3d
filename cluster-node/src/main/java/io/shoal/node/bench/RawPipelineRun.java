package io.shoal.node.bench;

import io.shoal.node.inference.OnnxModel;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * What the actors do, without actors: JPEG bytes in, each batch decoded on a plain thread pool the size of the
 * preprocess dispatcher, then run through the model. Two ways:
 * <ul>
 *   <li>{@link #pass}: a straight loop; a batch's decoding and the previous batch's model run do not overlap. The
 *       report's baseline, so actors/raw includes whatever the actors gain by overlapping the two.
 *   <li>{@link #pipelinedPass}: each model thread starts decoding its next batch before running the current one
 *       (two buffers per thread), so decoding overlaps model runs as in the actor pool, and actors/pipelined is
 *       closer to the actors' own overhead.
 * </ul>
 */
public final class RawPipelineRun {

  private final OnnxModel model;
  private final BatchDecoder decoder;
  private final List<byte[]> frames;
  private final ExecutorService modelThreads;
  private final int workers;
  /** Two batch buffers per model thread: the one the model reads and the one being decoded into. */
  private final FloatBuffer[][] buffers;

  public RawPipelineRun(OnnxModel model, BatchDecoder decoder, List<byte[]> frames, ExecutorService modelThreads,
      int workers, int largestBatch) {
    this.model = model;
    this.decoder = decoder;
    this.frames = frames;
    this.modelThreads = modelThreads;
    this.workers = workers;
    this.buffers = new FloatBuffer[workers][2];
    for (FloatBuffer[] own : buffers) {
      own[0] = model.allocateBatch(largestBatch);
      own[1] = model.allocateBatch(largestBatch);
    }
  }

  /** Decodes, then classifies, about {@code images} frames in batches of {@code batchSize}. */
  public Timed pass(int batchSize, int images) throws InterruptedException {
    return BatchLoop.run(modelThreads, workers, BatchLoop.batchesFor(images, batchSize),
        (index, worker) -> {
          FloatBuffer buffer = buffers[worker][0];
          decoder.decode(frames, index * batchSize, batchSize, buffer);
          return model.classify(buffer, batchSize).size();
        });
  }

  /** As {@link #pass}, but batch k+1 is decoded while batch k runs. */
  public Timed pipelinedPass(int batchSize, int images) throws InterruptedException {
    return BatchLoop.runWorkers(modelThreads, workers, BatchLoop.batchesFor(images, batchSize),
        (worker, claim) -> {
          FloatBuffer[] own = buffers[worker];
          long classified = 0;
          int index = claim.getAsInt();
          if (index < 0) return classified;
          BatchDecoder.Pending decoding = submit(index, batchSize, own[0]);
          for (int b = 0; ; b ^= 1) {
            decoding.await(); // own[b] holds a whole batch
            int next = claim.getAsInt();
            if (next >= 0) decoding = submit(next, batchSize, own[b ^ 1]); // decoded while own[b] runs
            classified += model.classify(own[b], batchSize).size();
            if (next < 0) return classified;
          }
        });
  }

  private BatchDecoder.Pending submit(int index, int batchSize, FloatBuffer buffer) {
    return decoder.submit(frames, index * batchSize, batchSize, buffer);
  }
}
