package io.shoal.node.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shoal.protocol.inference.LabelScore;
import io.shoal.protocol.inference.Prediction;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real model at the default location, through the raw batch API. */
class OnnxModelTest {

  private static final InferenceSettings SETTINGS = TestConfig.defaultSettings();
  private static OnnxModel model;
  private static ImagePreprocessor preprocessor;

  @BeforeAll
  static void open() {
    model = OnnxModel.open(SETTINGS);
    preprocessor = new ImagePreprocessor(model.manifest().input(), SETTINGS.preprocessing());
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void aBatchGivesEachImageTheSamePredictionAsRunningItAlone() throws Exception {
    int n = 3;
    FloatBuffer batch = model.allocateBatch(n);
    for (int i = 0; i < n; i++) {
      preprocessor.preprocessInto(TestImages.jpeg(100 + i), batch, i);
    }

    List<Prediction> together = model.classify(batch, n);

    assertThat(together).hasSize(n);
    for (int i = 0; i < n; i++) {
      FloatBuffer single = model.allocateBatch(1);
      preprocessor.preprocessInto(TestImages.jpeg(100 + i), single, 0);
      Prediction alone = model.classify(single, 1).get(0);
      assertSameScores(together.get(i).speciesScores(), alone.speciesScores());
      assertSameScores(together.get(i).conditionScores(), alone.conditionScores());
    }
  }

  @Test
  void predictionsCarryManifestLabelsProbabilitiesAndTheModelVersion() throws Exception {
    FloatBuffer batch = model.allocateBatch(1);
    preprocessor.preprocessInto(TestImages.png(7), batch, 0);

    Prediction p = model.classify(batch, 1).get(0);

    ModelManifest.Outputs heads = model.manifest().outputs();
    assertThat(p.modelVersion()).isEqualTo(model.manifest().modelVersion());
    assertThat(p.speciesScores()).extracting(LabelScore::label).containsExactlyElementsOf(heads.species().labels());
    assertThat(p.conditionScores()).extracting(LabelScore::label)
        .containsExactlyElementsOf(heads.condition().labels());
    assertThat(sum(p.speciesScores())).isCloseTo(1f, within(1e-4f));
    assertThat(sum(p.conditionScores())).isCloseTo(1f, within(1e-4f));
    assertThat(p.species().probability()).isEqualTo(
        p.speciesScores().stream().map(LabelScore::probability).max(Float::compare).orElseThrow());
    assertThat(p.condition().probability()).isEqualTo(
        p.conditionScores().stream().map(LabelScore::probability).max(Float::compare).orElseThrow());
    assertThat(p.fishPresent()).isEqualTo(!p.species().label().equals(heads.species().noFishLabel()));
  }

  @Test
  void aBufferTooSmallForTheBatchIsRefused() {
    assertThatThrownBy(() -> model.classify(model.allocateBatch(1), 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cudaFallsBackToTheCpuWhenItsProviderCannotLoad() throws Exception {
    // No machine has a GPU 99: the CPU build has no CUDA provider at all, the GPU build cannot open that device.
    InferenceSettings.Onnx cuda = new InferenceSettings.Onnx(InferenceSettings.Provider.CUDA, 99, 1, "");

    try (OnnxModel onCuda = OnnxModel.open(ModelBundle.load(SETTINGS.modelLocation()), cuda)) {
      assertThat(onCuda.executionProvider()).isEqualTo("cpu");
      FloatBuffer batch = onCuda.allocateBatch(1);
      preprocessor.preprocessInto(TestImages.png(1), batch, 0);
      assertThat(onCuda.classify(batch, 1)).hasSize(1);
    }
  }

  @Test
  void aClosedModelRefusesToRun() {
    OnnxModel closed = OnnxModel.open(SETTINGS);
    closed.close();
    closed.close(); // idempotent

    assertThatThrownBy(() -> closed.classify(closed.allocateBatch(1), 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closeWaitsForARunInProgressWhichCompletesAndLaterRunsFailClearly() throws Exception {
    OnnxModel closing = OnnxModel.open(SETTINGS);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    closing.beforeRun(() -> {
      running.countDown();
      awaitQuietly(release);
    });
    byte[] image = TestImages.png(3);
    FloatBuffer batch = closing.allocateBatch(1);
    preprocessor.preprocessInto(image, batch, 0);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<List<Prediction>> run = threads.submit(() -> closing.classify(batch, 1));
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      Future<?> close = threads.submit(closing::close);
      assertThatThrownBy(() -> close.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      release.countDown();

      Predictions.assertSame(run.get(10, TimeUnit.SECONDS).get(0), Predictions.alone(model, preprocessor, image));
      close.get(10, TimeUnit.SECONDS);
      assertThatThrownBy(() -> closing.classify(batch, 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("model " + closing.manifest().modelVersion() + " is closed");
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void assertSameScores(List<LabelScore> actual, List<LabelScore> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int j = 0; j < expected.size(); j++) {
      assertThat(actual.get(j).label()).isEqualTo(expected.get(j).label());
      assertThat(actual.get(j).probability()).isCloseTo(expected.get(j).probability(), within(1e-5f));
    }
  }

  private static float sum(List<LabelScore> scores) {
    float s = 0;
    for (LabelScore l : scores) s += l.probability();
    return s;
  }
}
