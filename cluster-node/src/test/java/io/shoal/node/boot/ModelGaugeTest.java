package io.shoal.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.node.ReferenceConfig;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.inference.OnnxModel;
import io.shoal.observability.metrics.MetricNames;
import io.shoal.observability.metrics.MetricTags;
import kamon.Kamon;
import kamon.metric.Gauge;
import kamon.tag.TagSet;
import org.junit.jupiter.api.Test;

/** The model-loaded gauge follows the model: open and serving, a failed batch, a good one again, closed. */
class ModelGaugeTest {

  @Test
  void readsOneWhileServingAndZeroAfterAFailedBatchOrOnceClosed() {
    try (OnnxModel model = OnnxModel.open(InferenceSettings.fromConfig(ReferenceConfig.reference()))) {
      ModelGauge gauge = ModelGauge.loaded(model);
      Gauge exported = Kamon.gauge(MetricNames.INFERENCE_MODEL_LOADED).withTags(
          TagSet.of(MetricTags.MODEL, model.manifest().name()).withTag(MetricTags.DEVICE, "cpu"));
      assertThat(value(exported)).isEqualTo(1.0);

      gauge.batchFailed(4, new IllegalStateException("device lost"));
      assertThat(value(exported)).isZero();
      gauge.batchCompleted(4, 1_000);
      assertThat(value(exported)).isEqualTo(1.0);

      gauge.close();
      assertThat(value(exported)).isZero();
    }
  }

  private static double value(Gauge gauge) {
    return ((Gauge.Volatile) gauge).snapshot(false);
  }
}
