package io.shoal.node.boot;

import io.shoal.node.inference.OnnxModel;
import io.shoal.observability.metrics.MetricNames;
import io.shoal.observability.metrics.MetricTags;
import kamon.Kamon;
import kamon.metric.Gauge;
import kamon.tag.TagSet;

/**
 * {@value MetricNames#INFERENCE_MODEL_LOADED}: 1 while this node's model is open, tagged with the model's name and
 * where it runs ({@code cpu} or {@code cuda}, after any fallback); back to 0 when it closes.
 */
final class ModelGauge {

  private ModelGauge() {}

  /** Sets the gauge to 1 now; closing the returned handle sets it to 0. */
  static AutoCloseable loaded(OnnxModel model) {
    Gauge gauge = Kamon.gauge(MetricNames.INFERENCE_MODEL_LOADED).withTags(
        TagSet.of(MetricTags.MODEL, model.manifest().name()).withTag(MetricTags.DEVICE, device(model)));
    gauge.update(1);
    return () -> gauge.update(0);
  }

  /** {@code cuda:0} → {@code cuda}: the device kind, not its index, so the tag stays stable across machines. */
  static String device(OnnxModel model) {
    String provider = model.executionProvider();
    int colon = provider.indexOf(':');
    return colon < 0 ? provider : provider.substring(0, colon);
  }
}
