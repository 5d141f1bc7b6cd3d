package io.shoal.node.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.render.FrameRenderer;
import io.shoal.node.render.FrameSet;
import io.shoal.node.render.FrameTruth;
import io.shoal.node.render.LabelMix;
import io.shoal.node.render.RenderedFrame;
import io.shoal.protocol.inference.Prediction;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed model on a fresh held-out set: frames rendered from a set seed used neither in training (seed 1)
 * nor in the model card's held-out set (seed 20261126), run through the same preprocessing as the node.
 */
class CommittedModelAccuracyTest {

  private static final long FRESH_SET_SEED = 0x5EED_0F_7E57L;
  private static final int FRAMES = 720;
  private static final int BATCH = 32;

  private static OnnxModel model;
  private static ClassificationTally tally;

  @BeforeAll
  static void classifyFreshFrames() throws Exception {
    InferenceSettings settings = InferenceSettings.load();
    model = OnnxModel.open(settings);
    ImagePreprocessor preprocessor = new ImagePreprocessor(model.manifest().input(), settings.preprocessing());
    FrameRenderer renderer = new FrameRenderer();
    List<RenderedFrame> frames = FrameSet.render(renderer, FRESH_SET_SEED, FRAMES, LabelMix.DATASET);
    tally = new ClassificationTally(model.manifest().outputs().species().noFishLabel());
    FloatBuffer batch = model.allocateBatch(BATCH);
    for (int start = 0; start < frames.size(); start += BATCH) {
      List<RenderedFrame> chunk = frames.subList(start, Math.min(start + BATCH, frames.size()));
      for (int slot = 0; slot < chunk.size(); slot++) {
        preprocessor.preprocessInto(chunk.get(slot).jpeg(), batch, slot);
      }
      List<Prediction> predictions = model.classify(batch, chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        FrameTruth truth = chunk.get(i).truth();
        tally.add(truth.speciesLabel(), truth.conditionLabel(), predictions.get(i));
      }
    }
    System.out.println(tally.report());
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void theSetIsLargeEnoughToMeanSomething() {
    assertThat(tally.fishFrames()).isGreaterThanOrEqualTo(500);
    assertThat(tally.noFishFrames()).isGreaterThanOrEqualTo(80);
  }

  @Test
  void speciesAccuracyOnFishFramesIsAtLeast95Percent() {
    assertThat(tally.speciesAccuracy()).as(tally.report()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void conditionAccuracyOnFishFramesIsAtLeast90Percent() {
    assertThat(tally.conditionAccuracy()).as(tally.report()).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void noFishRecallIsAtLeast95Percent() {
    assertThat(tally.noFishRecall()).as(tally.report()).isGreaterThanOrEqualTo(0.95);
  }
}
