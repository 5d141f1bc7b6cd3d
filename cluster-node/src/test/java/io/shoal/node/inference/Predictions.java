package io.shoal.node.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.FrameSeeds;
import io.shoal.node.render.LabelMix;
import io.shoal.protocol.inference.LabelScore;
import io.shoal.protocol.inference.Prediction;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/** The reference a test compares a worker's answer with: the model run directly on one image. */
final class Predictions {

  /** Batched and single runs may round differently; a swapped image differs far more than this. */
  static final float TOLERANCE = 1e-5f;

  private static final float DISTINCT = 100 * TOLERANCE;
  private static final long FRAME_SET_SEED = 0x5041_1235L;
  private static final int MAX_CANDIDATES = 64;

  private Predictions() {}

  static Prediction alone(BatchModel model, ImagePreprocessor preprocessor, byte[] image) {
    FloatBuffer single = OnnxModel.allocateBatch(1, model.floatsPerImage());
    preprocessor.preprocessInto(image, single, 0);
    try {
      return model.classify(single, 1).get(0);
    } catch (Exception e) {
      throw new AssertionError("the model failed on an image run alone", e);
    }
  }

  /**
   * {@code count} rendered camera frames whose predictions (each run alone) differ pairwise by far more than
   * {@link #TOLERANCE}, so that a reply carrying another request's prediction cannot pass for the right one. Picked
   * from the first frames of a set seed, whatever the model makes of them.
   */
  static List<byte[]> distinguishableFrames(int count, BatchModel model, ImagePreprocessor preprocessor) {
    FrameRenderer renderer = new FrameRenderer();
    List<byte[]> frames = new ArrayList<>();
    List<Prediction> kept = new ArrayList<>();
    for (int i = 0; i < MAX_CANDIDATES && frames.size() < count; i++) {
      byte[] jpeg = renderer.render(FrameSeeds.of(FRAME_SET_SEED, i), LabelMix.DATASET).jpeg();
      Prediction p = alone(model, preprocessor, jpeg);
      if (kept.stream().allMatch(other -> distance(p, other) > DISTINCT)) {
        frames.add(jpeg);
        kept.add(p);
      }
    }
    assertThat(frames).as("frames the model tells apart among the first %d", MAX_CANDIDATES).hasSize(count);
    return frames;
  }

  /** The largest difference in any probability. */
  private static float distance(Prediction a, Prediction b) {
    return Math.max(distance(a.speciesScores(), b.speciesScores()), distance(a.conditionScores(), b.conditionScores()));
  }

  private static float distance(List<LabelScore> a, List<LabelScore> b) {
    float d = 0;
    for (int j = 0; j < a.size(); j++) {
      d = Math.max(d, Math.abs(a.get(j).probability() - b.get(j).probability()));
    }
    return d;
  }

  static void assertSame(Prediction actual, Prediction expected) {
    assertThat(actual.modelVersion()).isEqualTo(expected.modelVersion());
    assertSameScores(actual.speciesScores(), expected.speciesScores());
    assertSameScores(actual.conditionScores(), expected.conditionScores());
  }

  static void assertSameScores(List<LabelScore> actual, List<LabelScore> expected) {
    assertThat(actual).extracting(LabelScore::label)
        .containsExactlyElementsOf(expected.stream().map(LabelScore::label).toList());
    for (int j = 0; j < expected.size(); j++) {
      assertThat(actual.get(j).probability()).as(expected.get(j).label())
          .isCloseTo(expected.get(j).probability(), within(TOLERANCE));
    }
  }
}
