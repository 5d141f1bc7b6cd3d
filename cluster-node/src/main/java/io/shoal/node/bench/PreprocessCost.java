package io.shoal.node.bench;

import io.shoal.node.inference.ImagePreprocessor;
import java.util.List;

/** Decode + resize + normalise of one camera frame on one thread, exactly as an inference worker calls it. */
public record PreprocessCost(double meanMs, double p50Ms, double p95Ms, int frames) {

  public static PreprocessCost measure(ImagePreprocessor preprocessor, List<byte[]> frames, int warmUp) {
    float sink = 0; // consumed below, so the JIT cannot drop the work
    for (int i = 0; i < warmUp; i++) {
      sink += preprocessor.preprocess(frames.get(i))[0];
    }
    double[] millis = new double[frames.size()];
    for (int i = 0; i < millis.length; i++) {
      long start = System.nanoTime();
      sink += preprocessor.preprocess(frames.get(i))[0];
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    if (Float.isNaN(sink)) {
      throw new IllegalStateException("preprocessing produced NaN");
    }
    return new PreprocessCost(Samples.mean(millis), Samples.median(millis), Samples.percentile(millis, 95),
        millis.length);
  }
}
