package io.shoal.node.inference;

import io.shoal.protocol.inference.Prediction;
import java.nio.FloatBuffer;
import java.util.List;

/** What an inference worker needs from a model: run N preprocessed images at once. {@link OnnxModel} is the real one. */
public interface BatchModel {

  ModelManifest manifest();

  /** C x H x W floats per image in the batch buffer. */
  default int floatsPerImage() {
    return manifest().floatsPerImage();
  }

  /**
   * Runs the first {@code count} images of {@code batch} (image {@code i} occupies floats
   * {@code [i * floatsPerImage(), (i + 1) * floatsPerImage())}, NCHW) and returns one prediction per image, in order.
   * Must be safe to call from several threads at once. Blocks; call it off the actors' threads.
   */
  List<Prediction> classify(FloatBuffer batch, int count) throws Exception;
}
