package io.shoal.node.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shoal.protocol.inference.LabelScore;
import io.shoal.protocol.inference.Prediction;
import java.nio.FloatBuffer;
import java.util.List;

/** The reference a test compares a worker's answer with: the model run directly on one image. */
final class Predictions {

  /** Batched and single runs may round differently; a swapped image differs far more than this. */
  static final float TOLERANCE = 1e-5f;

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
