package io.shoal.node.boot;

import io.shoal.node.inference.InferenceListener;
import io.shoal.node.inference.OnnxModel;
import io.shoal.observability.metrics.MetricNames;
import io.shoal.observability.metrics.MetricTags;
import kamon.Kamon;
import kamon.metric.Gauge;
import kamon.tag.TagSet;

/**
 * {@value MetricNames#INFERENCE_MODEL_LOADED}, tagged with the model's name and where it runs ({@code cpu} or
 * {@code cuda}, after any fallback): 1 while this node's model is open and serving, 0 once a batch failed in the
 * model (a lost CUDA device, a corrupted session) until a batch succeeds again, and 0 when it closes. A model that
 * cannot be opened stops the node at start, which the scrape's {@code up} shows instead.
 */
final class ModelGauge implements InferenceListener, AutoCloseable {

  private static final double SERVING = 1;
  private static final double NOT_SERVING = 0;

  private final Gauge gauge;

  private ModelGauge(Gauge gauge) {
    this.gauge = gauge;
  }

  /** Sets the gauge to 1 now. */
  static ModelGauge loaded(OnnxModel model) {
    ModelGauge loaded = new ModelGauge(Kamon.gauge(MetricNames.INFERENCE_MODEL_LOADED).withTags(
        TagSet.of(MetricTags.MODEL, model.manifest().name()).withTag(MetricTags.DEVICE, device(model))));
    loaded.gauge.update(SERVING);
    return loaded;
  }

  @Override
  public void batchCompleted(int size, long runNanos) {
    gauge.update(SERVING);
  }

  @Override
  public void batchFailed(int size, Throwable cause) {
    gauge.update(NOT_SERVING);
  }

  @Override
  public void close() {
    gauge.update(NOT_SERVING);
  }

  /** {@code cuda:0} → {@code cuda}: the device kind, not its index, so the tag stays stable across machines. */
  static String device(OnnxModel model) {
    String provider = model.executionProvider();
    int colon = provider.indexOf(':');
    return colon < 0 ? provider : provider.substring(0, colon);
  }
}
