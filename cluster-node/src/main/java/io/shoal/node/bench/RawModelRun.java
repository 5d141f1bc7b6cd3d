package io.shoal.node.bench;

import io.shoal.node.inference.OnnxModel;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The model alone: every frame is preprocessed once, up front, into one direct native-order buffer, and each batch
 * is a zero-copy slice of it, so a pass measures {@link OnnxModel#classify} and nothing else.
 */
public final class RawModelRun {

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

  /** Preprocesses all frames (not timed). */
  public static RawModelRun prepare(OnnxModel model, BatchDecoder decoder, List<byte[]> frames,
      ExecutorService modelThreads, int workers) throws InterruptedException {
    FloatBuffer inputs = model.allocateBatch(frames.size());
    decoder.decode(frames, 0, frames.size(), inputs);
    return new RawModelRun(model, modelThreads, workers, inputs);
  }

  /** Classifies about {@code images} frames in batches of {@code batchSize}. */
  public Timed pass(int batchSize, int images) throws InterruptedException {
    return BatchLoop.run(modelThreads, workers, BatchLoop.batchesFor(images, batchSize),
        (index, worker) -> model.classify(
            inputs.slice(index * batchSize * floatsPerImage, batchSize * floatsPerImage), batchSize).size());
  }
}
